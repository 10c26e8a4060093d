import LedgerDomain

/// `reconcile` output: SPEC 7 JSON, the unmatched lines as CSV, or a report for the terminal.
struct ReconciliationRenderer {
    let reconciliation: Reconciliation
    let statementPath: String

    static let csvHeaders = ["side", "line", "id", "type", "date", "amount", "description", "reference"]

    func renderJSON() {
        Output.standard.line(bytes: ReconciliationReport.json(reconciliation))
        Output.standard.flush()
    }

    /// One row per unmatched line, statement side first: what someone must follow up.
    func renderCSV() {
        let output = Output.standard
        output.line(CSV.header(ReconciliationRenderer.csvHeaders))
        for row in reconciliation.match.statementOnly {
            output.line(CSV.row([.text("statement_only"), .integer(row.line), .empty, .empty, .text("\(row.date)"), .money(row.amount),
                                 .text(row.description), .text(row.reference ?? "")]))
        }
        for (side, movements) in [("ledger_only", reconciliation.match.ledgerOnly), ("outstanding", reconciliation.match.outstanding)] {
            for movement in movements {
                output.line(CSV.row([.text(side), .empty, .text(movement.id), .text(movement.kind.rawValue), .text("\(movement.date)"),
                                     .money(movement.amount), .text(movement.counterparty), .text(movement.reference ?? "")]))
            }
        }
        output.flush()
    }

    func renderText(posting: Bool) {
        var output = TerminalLines()
        let match = reconciliation.match, record = reconciliation.record
        output.line("reconcile \(reconciliation.budget) \(reconciliation.pot.rawValue), period \(reconciliation.period.start) to \(reconciliation.period.end)")
        let rowsInPeriod = match.matched.count + match.statementOnly.count
        output.line("statement \(statementPath): \(rowsInPeriod) row\(plural(rowsInPeriod)) in the period"
            + (reconciliation.rowsOutsidePeriod > 0 ? ", \(reconciliation.rowsOutsidePeriod) outside it ignored" : ""))
        output.line("matched: \(match.matched.count) row\(plural(match.matched.count)) to recorded events")
        output.line("")
        output.line("on the statement only (not recorded in the ledger): \(match.statementOnly.count)")
        if !match.statementOnly.isEmpty {
            var table = TextTable(headers: ["line", "date", "amount", "description", "reference"], rightAligned: [0, 2])
            for row in match.statementOnly {
                table.add(["\(row.line)", "\(row.date)", "\(row.amount)", row.description.onOneLine, row.reference ?? ""])
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
        if let timingSentence { output.line(timingSentence) }
        if !posting {
            output.line("")
            output.line("nothing recorded: run again with --post to record this reconciliation")
        }
        Output.standard.bytes(output.bytes)
        Output.standard.flush()
    }

    private func movementTable(_ movements: [PotMovement], to output: inout TerminalLines) {
        guard !movements.isEmpty else { return }
        var table = TextTable(headers: ["seq", "date", "type", "amount", "to/from", "id"], rightAligned: [0, 3])
        for movement in movements {
            table.add(["\(movement.seq)", "\(movement.date)", movement.kind.rawValue, "\(movement.amount)", movement.counterparty.onOneLine, movement.id])
        }
        output.lines(table.render())
    }

    /// SPEC 7.2: how much of a variance is timing ("variance -312.50, all of it timing: 2
    /// payments not yet on the statement"); nil when nothing waits for the bank.
    private var timingSentence: String? {
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

    private func plural(_ count: Int) -> String { count == 1 ? "" : "s" }
}

extension String {
    /// A statement description may hold line breaks (a quoted CSV field); a table row may not.
    var onOneLine: String {
        String(map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
