import LedgerDomain
import LedgerStore

/// `audit` rows as SPEC 6.3 JSON Lines, CSV, or a table for a terminal, written as the events
/// are read: JSON and CSV rows come back at once, the table (whose columns must fit every row)
/// at the end.
///
/// ```swift
/// var audit = AuditOutput(format: .csv)
/// var bytes = audit.header
/// try ledger.audit("PHB-1") { bytes += audit.add($0) }
/// bytes += audit.finish()
/// ```
public struct AuditOutput {
    /// `audit` (a table), `audit --json` (SPEC 6.3) or `audit --csv`.
    public enum Format: Sendable { case table, json, csv }

    /// The form every row is written in.
    public let format: Format
    private var table = TextTable(
        headers: ["seq", "ver", "date", "type", "pot", "amount", "actor", "recorded_at", "allocated", "spent", "remaining", "hash"],
        rightAligned: [0, 1, 5, 8, 9, 10])
    /// The columns of `audit --csv`.
    public static let csvHeaders = ["seq", "version", "date", "recorded_at", "id", "type", "pot", "amount", "actor",
                                    "allocated", "committed", "spent", "recovered", "remaining", "hash"]

    /// An audit in `format`, before its first row.
    public init(format: Format) { self.format = format }

    /// What comes before the first row: the CSV header, else nothing.
    public var header: [UInt8] { format == .csv ? CSV.line(CSV.header(AuditOutput.csvHeaders)) : [] }

    /// One event's SPEC 6.3 object, without the line break: its fields as posted, its envelope,
    /// its hash and the budget's totals right after it.
    public static func json(_ entry: AuditEntry) -> [UInt8] {
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

    /// The bytes to write for this event now: a JSON or CSV line, or nothing for the table.
    public mutating func add(_ entry: AuditEntry) -> [UInt8] {
        let event = entry.stored.event, envelope = entry.stored.envelope
        let totals = BalanceReport.totals(of: entry.stateAfter)
        let pot = entry.stateAfter.pot(for: event.body)?.rawValue ?? ""
        switch format {
        case .json:
            return AuditOutput.json(entry) + [0x0A]
        case .csv:
            return CSV.line(CSV.row([.integer(envelope.seq), .integer(envelope.version), .text("\(event.date)"),
                                     .text("\(envelope.recordedAt)"), .text(event.id), .text(event.kind.rawValue), .text(pot),
                                     event.body.amount.map(CSVCell.money) ?? .empty, .text(event.actor ?? ""),
                                     .money(totals.allocated), .money(totals.committed), .money(totals.spent),
                                     .money(totals.recovered), .money(totals.remaining), .text(entry.stored.hexHash)]))
        case .table:
            table.add(["\(envelope.seq)", "\(envelope.version)", "\(event.date)", event.kind.rawValue, pot,
                       event.body.amount.map(\.description) ?? "", event.actor ?? "", "\(envelope.recordedAt)",
                       "\(totals.allocated)", "\(totals.spent)", "\(totals.remaining)", String(entry.stored.hexHash.prefix(12))])
            return []
        }
    }

    /// What comes after the last row: the table, else nothing.
    public func finish() -> [UInt8] {
        guard format == .table else { return [] }
        var output = TerminalLines()
        output.lines(table.render())
        return output.bytes
    }
}
