import LedgerDomain

/// SPEC 9's reports for a terminal, and as CSV where a finance officer takes them into a
/// spreadsheet (plan lines, reviews due, repayment requests, the quarter's figures). Their
/// `--json` forms are the reports' own `jsonLines`/`json`.
///
/// ```swift
/// let bytes = CarePlanOutput.reviewsCSV(ReviewsReport(dueBy: day, budgets: budgets))  // `reviews --csv`
/// ```
public enum CarePlanOutput {
    /// `due` for a terminal.
    public static func dueText(_ due: DueReport) -> [UInt8] {
        var out = TerminalLines()
        out.line("instalments due by \(due.to) and not yet in the ledger: \(due.instalments.count), \(due.total.map(\.description) ?? "?")")
        if !due.instalments.isEmpty {
            var table = TextTable(headers: ["date", "budget", "schedule", "type", "organisation", "amount"], rightAligned: [5])
            for instalment in due.instalments {
                table.add([instalment.date.description, instalment.budget, instalment.schedule, instalment.kind.rawValue,
                           instalment.organisation ?? "", instalment.amount.description])
            }
            out.lines(table.render())
            out.line("post them with: budget-ledger due --to \(due.to) --post")
        }
        return out.bytes
    }

    /// The columns of `plan --csv`.
    public static let planHeaders = ["line", "pot", "category", "funding", "planned", "committed", "spent", "left"]

    /// `plan` for a terminal: the lines, then the totals and the payments of no line.
    public static func planText(_ plan: PlanReport, budget: String, view: String) -> [UInt8] {
        var out = TerminalLines()
        out.line("care plan of \(budget) (\(view))")
        var table = TextTable(headers: planHeaders, rightAligned: [4, 5, 6, 7])
        for row in plan.rows { table.add(cells(row).map(\.value)) }
        out.lines(table.render())
        out.line("")
        out.line("planned \(plan.planned) of \(plan.allocated) allocated")
        out.line("unattributed (no line, a planned category): \(plan.unattributed.count) payments, \(plan.unattributed.amount)")
        out.line("outside the plan (no line, a category no line has): \(plan.outsidePlan.count) payments, \(plan.outsidePlan.amount)")
        return out.bytes
    }

    /// `plan --csv`: one row per line.
    public static func planCSV(_ plan: PlanReport) -> [UInt8] {
        plan.rows.reduce(CSV.line(CSV.header(planHeaders))) { $0 + CSV.line(CSV.row(cells($1))) }
    }

    private static func cells(_ row: PlanReport.Row) -> [CSVCell] {
        [.text(row.line), .text(row.pot.rawValue), .text(row.category), .text(row.funding.rawValue), .money(row.planned),
         .money(row.committed), .money(row.spent), .money(row.left)]
    }

    private static let reviewHeaders = ["budget", "next_review", "days_overdue", "last_outcome"]

    private static func cells(_ row: ReviewsReport.Row) -> [CSVCell] {
        [.text(row.budget), .text(row.nextReview.description), .integer(row.daysOverdue), .text(row.lastOutcome?.rawValue ?? "")]
    }

    /// `reviews` for a terminal.
    public static func reviewsText(_ reviews: ReviewsReport) -> [UInt8] {
        var out = TerminalLines()
        out.line("reviews due by \(reviews.dueBy): \(reviews.rows.count)")
        var table = TextTable(headers: reviewHeaders, rightAligned: [2])
        for row in reviews.rows { table.add(cells(row).map(\.value)) }
        if !reviews.rows.isEmpty { out.lines(table.render()) }
        return out.bytes
    }

    /// `reviews --csv`.
    public static func reviewsCSV(_ reviews: ReviewsReport) -> [UInt8] {
        reviews.rows.reduce(CSV.line(CSV.header(reviewHeaders))) { $0 + CSV.line(CSV.row(cells($1))) }
    }

    private static let repaymentHeaders = ["budget", "repayment", "pot", "grounds", "requested", "recovered", "waived",
                                           "outstanding", "due", "overdue"]

    private static func cells(_ row: RepaymentsReport.Row) -> [CSVCell] {
        [.text(row.budget), .text(row.request.name), .text(row.request.pot.rawValue), .text(row.request.grounds.rawValue),
         .money(row.request.requested), .money(row.request.recovered), .money(row.request.waived), .money(row.outstanding),
         .text(row.request.due.description), .text(row.isOverdue ? "yes" : "no")]
    }

    /// `repayments` for a terminal.
    public static func repaymentsText(_ repayments: RepaymentsReport) -> [UInt8] {
        var out = TerminalLines()
        out.line("repayment requests on \(repayments.on): \(repayments.rows.count), \(repayments.rows.filter(\.isOverdue).count) overdue")
        var table = TextTable(headers: repaymentHeaders, rightAligned: [4, 5, 6, 7])
        for row in repayments.rows { table.add(cells(row).map(\.value)) }
        if !repayments.rows.isEmpty { out.lines(table.render()) }
        return out.bytes
    }

    /// `repayments --csv`.
    public static func repaymentsCSV(_ repayments: RepaymentsReport) -> [UInt8] {
        repayments.rows.reduce(CSV.line(CSV.header(repaymentHeaders))) { $0 + CSV.line(CSV.row(cells($1))) }
    }

    /// `report --quarter` for a terminal.
    public static func quarterText(_ report: QuarterReport) -> [UInt8] {
        var out = TerminalLines()
        out.line("quarter \(report.quarter): \(report.quarter.from) to \(report.quarter.to)")
        out.line("budgets in place at \(report.quarter.to): \(report.total) ("
            + report.byHoldingModel.map { "\($0.model.rawValue) \($0.count)" }.joined(separator: ", ") + ")")
        out.line("by cohort: " + report.byCohort.map { "\($0.cohort) \($0.count)" }.joined(separator: ", "))
        out.line("opened in the quarter: \(report.newBudgets)")
        var table = TextTable(headers: ["pot", "allocated", "spent", "recovered"], rightAligned: [1, 2, 3])
        for (pot, money) in report.money {
            table.add([pot.rawValue, money.allocated.description, money.spent.description, money.recovered.description])
        }
        out.lines(table.render())
        return out.bytes
    }

    /// `report --quarter --csv`: one row per figure.
    public static func quarterCSV(_ report: QuarterReport) -> [UInt8] {
        var bytes = CSV.line(CSV.header(["quarter", "from", "to", "measure", "name", "value"]))
        func row(_ measure: String, _ name: String, _ value: CSVCell) {
            bytes += CSV.line(CSV.row([.text(report.quarter.description), .text(report.quarter.from.description),
                                       .text(report.quarter.to.description), .text(measure), .text(name), value]))
        }
        row("budgets", "total", .integer(report.total))
        for (model, count) in report.byHoldingModel { row("budgets_by_holding_model", model.rawValue, .integer(count)) }
        for (cohort, count) in report.byCohort { row("budgets_by_cohort", cohort, .integer(count)) }
        row("new_budgets", "total", .integer(report.newBudgets))
        for (pot, money) in report.money {
            row("allocated", pot.rawValue, .money(money.allocated))
            row("spent", pot.rawValue, .money(money.spent))
            row("recovered", pot.rawValue, .money(money.recovered))
        }
        return bytes
    }
}
