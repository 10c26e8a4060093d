import LedgerDomain

/// `report` for the terminal and as CSV (one row per budget and pot, for a spreadsheet).
enum CommissionerReportRenderer {
    static let csvHeaders = ["budget", "holding_model", "pot", "allocated", "spent", "recovered", "held", "open_commitments",
                             "open_committed", "unreconciled_over_90_days", "unreconciled_over_90_days_amount", "surplus"]

    static func renderCSV(_ report: CommissionerReport) {
        let output = Output.standard
        output.line(CSV.row(csvHeaders))
        for line in report.lines {
            let held = line.pot.isHeldElsewhere
            output.line(CSV.row([line.budget, line.holdingModel.rawValue, line.pot.rawValue, "\(line.allocated)", "\(line.spent)",
                                 held ? "\(line.recovered)" : "", held ? "\(line.held)" : "",
                                 held ? "" : "\(line.openCommitments.count)", held ? "" : "\(line.openCommitments.amount)",
                                 held ? "\(line.overdue.count)" : "", held ? "\(line.overdue.amount)" : "", held ? "\(line.surplus)" : ""]))
        }
        output.flush()
    }

    static func renderText(_ report: CommissionerReport) {
        let output = Output.standard
        output.line("commissioner's report, \(report.from) to \(report.to)")
        output.line("")
        let total = report.budgetsByModel.reduce(0) { $0 + $1.count }
        output.line("budgets open in the period: \(total) ("
            + report.budgetsByModel.map { "\($0.model.rawValue) \($0.count)" }.joined(separator: ", ") + ")")
        output.line("")
        output.line("by pot: allocated and held at \(report.to); spent and recovered in the period")
        var pots = TextTable(headers: ["pot", "pots", "allocated", "spent", "recovered", "held"], rightAligned: Set(1...5))
        for totals in report.potTotals {
            let held = totals.pot.isHeldElsewhere
            pots.add([totals.pot.rawValue, "\(totals.pots)", "\(totals.allocated)", "\(totals.spent)",
                      held ? "\(totals.recovered)" : "", held ? "\(totals.held)" : ""])
        }
        for line in pots.render() { output.line(line) }
        output.line("")
        let commitments = report.openCommitments
        output.line("open commitments at \(report.to): \(commitments.count), \(commitments.amount) committed and not yet paid")
        output.line("")
        let overdue = report.overdueLines
        output.line("unreconciled payments dated on or before \(report.overdueThrough) (over \(CommissionerReport.unreconciledAgeDaysMax) days old): \(overdue.count) pot\(overdue.count == 1 ? "" : "s")")
        if !overdue.isEmpty {
            var table = TextTable(headers: ["budget", "pot", "payments", "amount", "oldest"], rightAligned: [2, 3])
            for line in overdue {
                table.add([line.budget, line.pot.rawValue, "\(line.overdue.count)", "\(line.overdue.amount)", line.overdue.oldest.map(\.description) ?? ""])
            }
            for line in table.render() { output.line(line) }
        }
        output.line("")
        let surplus = report.surplusLines
        output.line("held above \(report.surplusWeeks) weeks' funding at \(report.to) (surplus to consider recovering): \(surplus.count) pot\(surplus.count == 1 ? "" : "s")")
        if !surplus.isEmpty {
            var table = TextTable(headers: ["budget", "pot", "held", "surplus"], rightAligned: [2, 3])
            for line in surplus { table.add([line.budget, line.pot.rawValue, "\(line.held)", "\(line.surplus)"]) }
            for line in table.render() { output.line(line) }
        }
        output.flush()
    }
}
