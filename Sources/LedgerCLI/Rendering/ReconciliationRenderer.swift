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
        for movement in reconciliation.match.ledgerOnly {
            output.line(CSV.row([.text("ledger_only"), .empty, .text(movement.id), .text(movement.kind.rawValue), .text("\(movement.date)"),
                                 .money(movement.amount), .text(movement.counterparty), .text(movement.reference ?? "")]))
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
        if !match.ledgerOnly.isEmpty {
            var table = TextTable(headers: ["seq", "date", "type", "amount", "to/from", "id"], rightAligned: [0, 3])
            for movement in match.ledgerOnly {
                table.add(["\(movement.seq)", "\(movement.date)", movement.kind.rawValue, "\(movement.amount)", movement.counterparty.onOneLine, movement.id])
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
        Output.standard.bytes(output.bytes)
        Output.standard.flush()
    }

    private func plural(_ count: Int) -> String { count == 1 ? "" : "s" }
}

extension String {
    /// A statement description may hold line breaks (a quoted CSV field); a table row may not.
    var onOneLine: String {
        String(map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
