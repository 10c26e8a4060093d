import LedgerDomain
import LedgerStore

/// `audit` rows: SPEC 6.3 JSON, CSV, or a readable table.
struct AuditRenderer {
    enum Format { case table, json, csv }

    let format: Format
    private var table = TextTable(
        headers: ["seq", "ver", "date", "type", "pot", "amount", "actor", "recorded_at", "allocated", "spent", "remaining", "hash"],
        rightAligned: [0, 1, 5, 8, 9, 10])
    static let csvHeaders = ["seq", "version", "date", "recorded_at", "id", "type", "pot", "amount", "actor",
                             "allocated", "committed", "spent", "recovered", "remaining", "hash"]

    init(format: Format) {
        self.format = format
        if format == .csv { Output.standard.line(CSV.header(AuditRenderer.csvHeaders)) }
    }

    static func json(_ entry: AuditEntry) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        EventEncoder.writeFields(of: entry.stored.event, into: &writer)
        EventEncoder.writeEnvelope(entry.stored.envelope, into: &writer)
        writer.field("hash", entry.stored.hexHash)
        writer.key("after")
        BalanceReport.writeTotals(BalanceReport.totals(of: entry.stateAfter), into: &writer)
        writer.endObject()
        return writer.bytes
    }

    mutating func add(_ entry: AuditEntry) {
        let event = entry.stored.event, envelope = entry.stored.envelope
        let totals = BalanceReport.totals(of: entry.stateAfter)
        let pot = entry.stateAfter.pot(for: event.body)?.rawValue ?? ""
        let amount = event.body.amount.map(\.description) ?? ""
        switch format {
        case .json:
            Output.standard.line(bytes: AuditRenderer.json(entry))
        case .csv:
            Output.standard.line(CSV.row([.integer(envelope.seq), .integer(envelope.version), .text("\(event.date)"),
                                          .text("\(envelope.recordedAt)"), .text(event.id), .text(event.kind.rawValue), .text(pot),
                                          event.body.amount.map(CSVCell.money) ?? .empty, .text(event.actor ?? ""),
                                          .money(totals.allocated), .money(totals.committed), .money(totals.spent),
                                          .money(totals.recovered), .money(totals.remaining), .text(entry.stored.hexHash)]))
        case .table:
            table.add(["\(envelope.seq)", "\(envelope.version)", "\(event.date)", event.kind.rawValue, pot, amount, event.actor ?? "",
                       "\(envelope.recordedAt)", "\(totals.allocated)", "\(totals.spent)", "\(totals.remaining)",
                       String(entry.stored.hexHash.prefix(12))])
        }
    }

    func finish() {
        if format == .table {
            var lines = TerminalLines()
            lines.lines(table.render())
            Output.standard.bytes(lines.bytes)
        }
        Output.standard.flush()
    }
}
