import LedgerDomain

/// `reconcile` output: SPEC 7 JSON, the unmatched lines as CSV, or a report for a terminal.
///
/// ```swift
/// let reconciliation = Reconciliation(state: state, history: history, statement: statement,
///                                     period: period, surplusWeeks: 8)
/// let bytes = ReconciliationOutput.json(reconciliation)  // `reconcile --json`
/// ```
public enum ReconciliationOutput {
    /// The columns of `reconcile --csv`.
    public static let csvHeaders = ["side", "line", "id", "type", "date", "amount", "description", "reference"]

    /// `reconcile --json`: the SPEC 7 object, keys in its order, and `\n`. Lists are in line and
    /// `seq` order; statement amounts keep their sign, ledger amounts are positive.
    public static func json(_ reconciliation: Reconciliation) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("budget", reconciliation.budget)
        writer.field("pot", reconciliation.pot.rawValue)
        writer.field("period_start", reconciliation.period.start.description)
        writer.field("period_end", reconciliation.period.end.description)
        writer.key("matched")
        writer.beginArray()
        for pair in reconciliation.match.matched {
            writer.beginObject()
            writer.field("line", pair.row.line)
            writer.field("id", pair.movement.id)
            writer.endObject()
        }
        writer.endArray()
        writer.key("statement_only")
        writer.beginArray()
        for row in reconciliation.match.statementOnly {
            writer.beginObject()
            writer.field("line", row.line)
            writer.field("date", row.date.description)
            writer.field("amount", row.amount)
            writer.field("description", row.description)
            writer.endObject()
        }
        writer.endArray()
        writer.key("ledger_only")
        writer.beginArray()
        for movement in reconciliation.match.ledgerOnly {
            writer.beginObject()
            writer.field("id", movement.id)
            writer.field("type", movement.kind.rawValue)
            writer.field("date", movement.date.description)
            writer.field("amount", movement.amount)
            writer.endObject()
        }
        writer.endArray()
        let record = reconciliation.record
        writer.field("expected", record.expected)
        writer.field("statement_balance", record.statementBalance)
        writer.field("variance", record.variance)
        writer.field("status", record.status)
        writer.field("surplus", reconciliation.surplus)
        writer.endObject()
        return writer.bytes + [0x0A]
    }

    /// `reconcile --csv`: one row per unmatched line, statement side first: what someone must
    /// follow up.
    public static func csv(_ reconciliation: Reconciliation) -> [UInt8] {
        var bytes = CSV.line(CSV.header(csvHeaders))
        for row in reconciliation.match.statementOnly {
            bytes += CSV.line(CSV.row([.text("statement_only"), .integer(row.line), .empty, .empty, .text("\(row.date)"), .money(row.amount),
                                       .text(row.description), .text(row.reference ?? "")]))
        }
        for movement in reconciliation.match.ledgerOnly {
            bytes += CSV.line(CSV.row([.text("ledger_only"), .empty, .text(movement.id), .text(movement.kind.rawValue), .text("\(movement.date)"),
                                       .money(movement.amount), .text(movement.counterparty), .text(movement.reference ?? "")]))
        }
        return bytes
    }

    /// `reconcile` for a terminal: the period, the unmatched lines on each side and the figures.
    /// - Parameters:
    ///   - statementName: how to name the statement (the command line shows its path).
    ///   - posting: whether the reconciliation is being recorded; if not, the report says how.
    public static func text(_ reconciliation: Reconciliation, statementName: String, posting: Bool) -> [UInt8] {
        var output = TerminalLines()
        let match = reconciliation.match, record = reconciliation.record
        output.line("reconcile \(reconciliation.budget) \(reconciliation.pot.rawValue), period \(reconciliation.period.start) to \(reconciliation.period.end)")
        let rowsInPeriod = match.matched.count + match.statementOnly.count
        output.line("statement \(statementName): \(rowsInPeriod) row\(plural(rowsInPeriod)) in the period"
            + (reconciliation.rowsOutsidePeriod > 0 ? ", \(reconciliation.rowsOutsidePeriod) outside it ignored" : ""))
        output.line("matched: \(match.matched.count) row\(plural(match.matched.count)) to recorded events")
        output.line("")
        output.line("on the statement only (not recorded in the ledger): \(match.statementOnly.count)")
        if !match.statementOnly.isEmpty {
            var table = TextTable(headers: ["line", "date", "amount", "description", "reference"], rightAligned: [0, 2])
            for row in match.statementOnly {
                table.add(["\(row.line)", "\(row.date)", "\(row.amount)", onOneLine(row.description), row.reference ?? ""])
            }
            output.lines(table.render())
        }
        output.line("")
        output.line("in the ledger only (not on the statement): \(match.ledgerOnly.count)")
        if !match.ledgerOnly.isEmpty {
            var table = TextTable(headers: ["seq", "date", "type", "amount", "to/from", "id"], rightAligned: [0, 3])
            for movement in match.ledgerOnly {
                table.add(["\(movement.seq)", "\(movement.date)", movement.kind.rawValue, "\(movement.amount)", onOneLine(movement.counterparty), movement.id])
            }
            output.lines(table.render())
        }
        output.line("")
        var figures = TextTable(headers: ["", ""], rightAligned: [1])
        figures.add(["expected (held per the ledger at \(record.periodEnd))", "\(record.expected)"])
        figures.add(["statement balance", "\(record.statementBalance)"])
        figures.add(["variance", "\(record.variance)"])
        figures.add(["status", record.status])
        figures.add(["surplus above \(reconciliation.surplusWeeks) weeks' funding", "\(reconciliation.surplus)"])
        output.lines(figures.render().dropFirst(2))
        if !posting {
            output.line("")
            output.line("nothing recorded: run again with --post to record this reconciliation")
        }
        return output.bytes
    }

    private static func plural(_ count: Int) -> String { count == 1 ? "" : "s" }

    /// A statement description may hold line breaks (a quoted CSV field); a table row may not.
    static func onOneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
