import LedgerApplication
import LedgerDomain

/// `balance` and `balances` in their human, JSON (SPEC 6.2) and CSV forms.
enum BalanceRenderer {
    static func renderOne(_ state: BudgetState, json: Bool) {
        if json {
            Output.standard.line(bytes: BalanceReport.json(state))
            Output.standard.flush()
            return
        }
        let opening = state.opening
        var output = TerminalLines()
        output.line("budget \(state.budget) · person \(opening.person) · \(opening.holdingModel.rawValue) · \(state.isClosed ? "closed" : "open") · version \(state.version)")
        output.line("period \(opening.periodStart) to \(opening.periodEnd)")
        output.line("")
        var table = TextTable(headers: ["pot", "allocated", "committed", "transferred", "spent", "recovered", "held", "available", "remaining"],
                              rightAligned: Set(1...8))
        for pot in state.pots {
            let heldElsewhere = pot.pot.isHeldElsewhere
            table.add([pot.pot.rawValue, "\(pot.allocated)", heldElsewhere ? "" : "\(pot.committed)",
                       heldElsewhere ? "\(pot.transferred)" : "", "\(pot.spent)", heldElsewhere ? "\(pot.recovered)" : "",
                       heldElsewhere ? "\(pot.held)" : "", "\(pot.available)", "\(pot.remaining)"])
        }
        let totals = BalanceReport.totals(of: state)
        table.add(["total", "\(totals.allocated)", "\(totals.committed)", "", "\(totals.spent)", "\(totals.recovered)", "", "", "\(totals.remaining)"])
        output.lines(table.render())
        output.line("")
        if state.pots.contains(where: { $0.pot == .notional }) {
            output.line("open commitments: \(state.openCommitmentCount)")
        }
        for pot in state.pots where pot.pot.isHeldElsewhere {
            let unreconciled = pot.unreconciled
            var text = "\(pot.pot.rawValue): \(unreconciled.count) unreconciled payment\(unreconciled.count == 1 ? "" : "s") (\(unreconciled.amount))"
            if let record = pot.lastReconciliation {
                text += "; last reconciled to \(record.periodEnd): expected \(record.expected), statement \(record.statementBalance), variance \(record.variance), \(record.status)"
            } else {
                text += "; never reconciled"
            }
            output.line(text)
        }
        Output.standard.bytes(output.bytes)
        Output.standard.flush()
    }

    /// When the sheet has surplus weeks, JSON adds `surplus` to each third-party and
    /// direct-payment pot, and the table and CSV a `surplus` column: the sum over those pots.
    static func renderAll(_ sheet: BalanceSheet, json: Bool, csv: Bool) {
        let output = Output.standard
        let states = sheet.states
        if json {
            let rows = Dictionary(sheet.rows.map { ($0.state.budget, $0) }) { first, _ in first }
            output.bytes(BalanceReport.canonicalLines(states, surplus: sheet.surplusWeeks.map { _ in
                { state, pot in rows[state.budget]?.surplus(of: pot.pot) ?? .zero }
            }))
            output.flush()
            return
        }
        var headers = ["budget", "holding_model", "status", "person", "version", "allocated", "committed", "spent", "recovered", "remaining"]
        if sheet.surplusWeeks != nil { headers.append("surplus") }
        let rows = sheet.rows.map { entry -> [CSVCell] in
            let state = entry.state, totals = BalanceReport.totals(of: state)
            var row: [CSVCell] = [.text(state.budget), .text(state.opening.holdingModel.rawValue), .text(state.isClosed ? "closed" : "open"),
                                  .text(state.opening.person), .integer(state.version), .money(totals.allocated), .money(totals.committed),
                                  .money(totals.spent), .money(totals.recovered), .money(totals.remaining)]
            if sheet.surplusWeeks != nil { row.append(entry.surplusTotal.map { .money($0) } ?? .empty) }
            return row
        }
        if csv {
            output.line(CSV.header(headers))
            for row in rows { output.line(CSV.row(row)) }
        } else {
            var table = TextTable(headers: headers, rightAligned: Set(4..<headers.count))
            for row in rows { table.add(row.map(\.value)) }
            var lines = TerminalLines()
            lines.lines(table.render())
            if states.isEmpty { lines.line("(no budgets)") }
            output.bytes(lines.bytes)
        }
        output.flush()
    }
}
