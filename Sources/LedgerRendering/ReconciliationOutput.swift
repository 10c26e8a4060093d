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

    /// `reconcile --json`: the SPEC 7 object, keys in its order (7.2's `outstanding` and `timing`
    /// last), and `\n`. Lists are in line and `seq` order; statement amounts keep their sign,
    /// ledger amounts are positive.
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
        writeMovements("ledger_only", reconciliation.match.ledgerOnly, into: &writer)
        let record = reconciliation.record
        writer.field("expected", record.expected)
        writer.field("statement_balance", record.statementBalance)
        writer.field("variance", record.variance)
        writer.field("status", record.status)
        writer.field("surplus", reconciliation.surplus)
        writeMovements("outstanding", reconciliation.match.outstanding, into: &writer)
        writer.field("timing", reconciliation.timing)
        writer.endObject()
        return writer.bytes + [0x0A]
    }

    /// `[{"id","type","date","amount"}]`, amounts positive as the events carry them.
    private static func writeMovements(_ key: String, _ movements: [PotMovement], into writer: inout JSONWriter) {
        writer.key(key)
        writer.beginArray()
        for movement in movements {
            writer.beginObject()
            writer.field("id", movement.id)
            writer.field("type", movement.kind.rawValue)
            writer.field("date", movement.date.description)
            writer.field("amount", movement.amount)
            writer.endObject()
        }
        writer.endArray()
    }

    /// `reconcile --csv`: one row per unmatched line, statement side first: what someone must
    /// follow up.
    public static func csv(_ reconciliation: Reconciliation) -> [UInt8] {
        var bytes = CSV.line(CSV.header(csvHeaders))
        for row in reconciliation.match.statementOnly {
            bytes += CSV.line(CSV.row([.text("statement_only"), .integer(row.line), .empty, .empty, .text("\(row.date)"), .money(row.amount),
                                       .text(row.description), .text(row.reference ?? "")]))
        }
        for (side, movements) in [("ledger_only", reconciliation.match.ledgerOnly), ("outstanding", reconciliation.match.outstanding)] {
            for movement in movements {
                bytes += CSV.line(CSV.row([.text(side), .empty, .text(movement.id), .text(movement.kind.rawValue), .text("\(movement.date)"),
                                           .money(movement.amount), .text(movement.counterparty), .text(movement.reference ?? "")]))
            }
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
        movementTable(match.ledgerOnly, to: &output)
        if !match.outstanding.isEmpty {
            output.line("")
            output.line("outstanding from before the period (on no statement yet): \(match.outstanding.count)")
            movementTable(match.outstanding, to: &output)
        }
        output.line("")
        var figures = TextTable(headers: ["", ""], rightAligned: [1])
        figures.add(["expected (held per the ledger at \(record.periodEnd))", "\(record.expected)"])
        figures.add(["statement balance", "\(record.statementBalance)"])
        figures.add(["variance", "\(record.variance)"])
        figures.add(["timing (recorded, not yet on the statement)", "\(reconciliation.timing)"])
        figures.add(["status", record.status])
        figures.add(["surplus above \(reconciliation.surplusWeeks) weeks' funding", "\(reconciliation.surplus)"])
        output.lines(figures.render().dropFirst(2))
        if let sentence = timingSentence(reconciliation) { output.line(sentence) }
        if !posting {
            output.line("")
            output.line("nothing recorded: run again with --post to record this reconciliation")
        }
        return output.bytes
    }

    private static func movementTable(_ movements: [PotMovement], to output: inout TerminalLines) {
        guard !movements.isEmpty else { return }
        var table = TextTable(headers: ["seq", "date", "type", "amount", "to/from", "id"], rightAligned: [0, 3])
        for movement in movements {
            table.add(["\(movement.seq)", "\(movement.date)", movement.kind.rawValue, "\(movement.amount)", onOneLine(movement.counterparty), movement.id])
        }
        output.lines(table.render())
    }

    /// SPEC 7.2: how much of a variance is timing ("variance -312.50, all of it timing: 2
    /// payments not yet on the statement"); nil when nothing waits for the bank.
    static func timingSentence(_ reconciliation: Reconciliation) -> String? {
        let match = reconciliation.match, variance = reconciliation.record.variance, timing = reconciliation.timing
        let waiting = match.ledgerOnly + match.outstanding
        guard timing.pence != 0 || !waiting.isEmpty else { return nil }
        var kinds: [String] = []
        for (name, count) in [("payment", waiting.filter { $0.kind == .payment }.count),
                              ("recovery", waiting.filter { $0.kind == .recovery }.count),
                              ("transfer", waiting.filter(\.isInflow).count)] where count > 0 {
            kinds.append("\(count) \(count == 1 ? name : name == "recovery" ? "recoveries" : name + "s")")
        }
        let items = kinds.joined(separator: " and ") + " not yet on the statement"
        guard let unexplained = variance.adding(timing) else { return nil }
        if unexplained.pence == 0 { return variance.pence == 0 ? "books agree; \(items)" : "variance \(variance), all of it timing: \(items)" }
        return "variance \(variance): \(timing.negated ?? timing) of it timing (\(items)), \(unexplained) unexplained"
    }

    private static func plural(_ count: Int) -> String { count == 1 ? "" : "s" }

    /// A statement description may hold line breaks (a quoted CSV field); a table row may not.
    static func onOneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
