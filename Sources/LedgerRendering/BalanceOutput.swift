import LedgerApplication
import LedgerDomain

/// `balance` and `balances` in their JSON (SPEC 6.2), CSV and terminal forms.
///
/// The JSON object itself is written by `BalanceReport` in LedgerDomain: it is the canonical
/// form that `digest` hashes inside the store, so it lives below the store, and this type is
/// the one door to it for front ends.
///
/// ```swift
/// if let state = try ledger.budgetState("PHB-1") {
///     let bytes = BalanceOutput.json(state)  // `balance PHB-1 --json`, with its line break
/// }
/// ```
public enum BalanceOutput {
    /// `balance BUDGET --json`: one SPEC 6.2 object and `\n`.
    public static func json(_ state: BudgetState) -> [UInt8] {
        BalanceReport.json(state) + [0x0A]
    }

    /// `balances --json`: one SPEC 6.2 object per budget of the sheet, in its order (budget id
    /// byte order), each followed by `\n`; when the sheet has surplus figures, each third-party
    /// and direct-payment pot gets `surplus` (SPEC 7).
    public static func jsonLines(_ sheet: BalanceSheet) -> [UInt8] {
        var bytes: [UInt8] = []
        for row in sheet.rows {
            let surplus: ((PotBalances) -> Money)? = sheet.surplusWeeks == nil ? nil : { row.surplus(of: $0.pot) ?? .zero }
            bytes += BalanceReport.json(row.state, surplus: surplus)
            bytes.append(0x0A)
        }
        return bytes
    }

    /// `balance BUDGET` for a terminal: the budget, a table of its pots with totals, and the
    /// state of commitments and reconciliations.
    public static func text(_ state: BudgetState) -> [UInt8] {
        let opening = state.opening
        var output = TerminalLines()
        output.line("budget \(state.budget) · person \(opening.person) · \(opening.holdingModel.rawValue) · \(state.isClosed ? "closed" : "open") · version \(state.version)")
        output.line("period \(opening.periodStart) to \(opening.periodEnd)")
        output.line("")
        var table = TextTable(headers: ["pot"] + PotColumns.names, rightAligned: Set(1...PotColumns.names.count))
        for pot in state.pots {
            table.add([pot.pot.rawValue] + PotColumns.figures(of: pot).map { $0.map { "\($0)" } ?? "" })
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
        return output.bytes
    }

    /// `balances --csv`: a header and one row per budget of the sheet.
    public static func csv(_ sheet: BalanceSheet) -> [UInt8] {
        var bytes = CSV.line(CSV.header(headers(withSurplus: sheet.surplusWeeks != nil)))
        for row in sheet.rows { bytes += CSV.line(CSV.row(cells(row, withSurplus: sheet.surplusWeeks != nil))) }
        return bytes
    }

    /// `balances` for a terminal: one row per budget, `(no budgets)` for an empty ledger.
    public static func table(_ sheet: BalanceSheet) -> [UInt8] {
        let headers = headers(withSurplus: sheet.surplusWeeks != nil)
        var table = TextTable(headers: headers, rightAligned: Set(4..<headers.count))
        for row in sheet.rows { table.add(cells(row, withSurplus: sheet.surplusWeeks != nil).map(\.value)) }
        var output = TerminalLines()
        output.lines(table.render())
        if sheet.rows.isEmpty { output.line("(no budgets)") }
        return output.bytes
    }

    private static func headers(withSurplus: Bool) -> [String] {
        ["budget", "holding_model", "status", "person", "version", "allocated", "committed", "spent", "recovered", "remaining"]
            + (withSurplus ? ["surplus"] : [])
    }

    /// One budget's cells; with surplus, the sheet's sum over its held-elsewhere pots (empty for
    /// a notional-only budget).
    private static func cells(_ row: BalanceSheet.Row, withSurplus: Bool) -> [CSVCell] {
        let state = row.state
        let totals = BalanceReport.totals(of: state)
        var cells: [CSVCell] = [.text(state.budget), .text(state.opening.holdingModel.rawValue), .text(state.isClosed ? "closed" : "open"),
                                .text(state.opening.person), .integer(state.version), .money(totals.allocated), .money(totals.committed),
                                .money(totals.spent), .money(totals.recovered), .money(totals.remaining)]
        if withSurplus { cells.append(row.surplusTotal.map(CSVCell.money) ?? .empty) }
        return cells
    }
}
