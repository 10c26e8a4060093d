import LedgerDomain
import LedgerHTTP
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
        if format == .csv { Output.standard.line(CSV.row(AuditRenderer.csvHeaders)) }
    }

    mutating func add(_ entry: AuditEntry) {
        let event = entry.stored.event, envelope = entry.stored.envelope
        let totals = BalanceReport.totals(of: entry.stateAfter)
        let pot = entry.stateAfter.pot(for: event.body)?.rawValue ?? ""
        let amount = event.body.amount.map(\.description) ?? ""
        switch format {
        case .json:
            Output.standard.line(bytes: entry.json)
        case .csv:
            Output.standard.line(CSV.row(["\(envelope.seq)", "\(envelope.version)", "\(event.date)", "\(envelope.recordedAt)", event.id,
                                          event.kind.rawValue, pot, amount, event.actor ?? "", "\(totals.allocated)", "\(totals.committed)",
                                          "\(totals.spent)", "\(totals.recovered)", "\(totals.remaining)", entry.stored.hexHash]))
        case .table:
            table.add(["\(envelope.seq)", "\(envelope.version)", "\(event.date)", event.kind.rawValue, pot, amount, event.actor ?? "",
                       "\(envelope.recordedAt)", "\(totals.allocated)", "\(totals.spent)", "\(totals.remaining)",
                       String(entry.stored.hexHash.prefix(12))])
        }
    }

    func finish() {
        if format == .table { for line in table.render() { Output.standard.line(line) } }
        Output.standard.flush()
    }
}
