import LedgerDomain

/// `report` for the terminal and as CSV (one row per budget and pot, for a spreadsheet).
enum CommissionerReportRenderer {
    static let csvHeaders = ["budget", "holding_model", "pot", "allocated", "spent", "recovered", "held", "open_commitments",
                             "open_committed", "unreconciled_over_90_days", "unreconciled_over_90_days_amount", "surplus"]

    static func renderCSV(_ report: CommissionerReport) {
        let output = Output.standard
        output.line(CSV.header(csvHeaders))
        for line in report.lines {
            let held = line.pot.isHeldElsewhere
            output.line(CSV.row([.text(line.budget), .text(line.holdingModel.rawValue), .text(line.pot.rawValue), .money(line.allocated), .money(line.spent),
                                 held ? .money(line.recovered) : .empty, held ? .money(line.held) : .empty,
                                 held ? .empty : .integer(line.openCommitments.count), held ? .empty : .money(line.openCommitments.amount),
                                 held ? .integer(line.overdue.count) : .empty, held ? .money(line.overdue.amount) : .empty,
                                 held ? .money(line.surplus) : .empty]))
        }
        output.flush()
    }

    static func renderText(_ report: CommissionerReport) {
        var output = TerminalLines()
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
        output.lines(pots.render())
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
            output.lines(table.render())
        }
        output.line("")
        let surplus = report.surplusLines
        output.line("held above \(report.surplusWeeks) weeks' funding at \(report.to) (surplus to consider recovering): \(surplus.count) pot\(surplus.count == 1 ? "" : "s")")
        if !surplus.isEmpty {
            var table = TextTable(headers: ["budget", "pot", "held", "surplus"], rightAligned: [2, 3])
            for line in surplus { table.add([line.budget, line.pot.rawValue, "\(line.held)", "\(line.surplus)"]) }
            output.lines(table.render())
        }
        Output.standard.bytes(output.bytes)
        Output.standard.flush()
    }
}
