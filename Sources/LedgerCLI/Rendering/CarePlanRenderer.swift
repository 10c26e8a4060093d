import LedgerDomain

/// The section 9 reports for the terminal, and as CSV where a finance officer takes them into a
/// spreadsheet (plan lines, reviews due, repayment requests).
enum CarePlanRenderer {
    static func renderDue(_ due: DueReport) {
        let output = Output.standard
        output.line("instalments due by \(due.to) and not yet in the ledger: \(due.instalments.count), \(due.total.map(\.description) ?? "?")")
        if !due.instalments.isEmpty {
            var table = TextTable(headers: ["date", "budget", "schedule", "type", "organisation", "amount"], rightAligned: [5])
            for instalment in due.instalments {
                table.add([instalment.date.description, instalment.budget, instalment.schedule,
                           instalment.kind.rawValue, TerminalText.safe(instalment.organisation ?? ""), instalment.amount.description])
            }
            for line in table.render() { output.line(line) }
            output.line("post them with: budget-ledger due --to \(due.to) --post")
        }
        output.flush()
    }

    static let planCSVHeaders = ["line", "pot", "category", "funding", "planned", "committed", "spent", "left"]

    static func renderPlan(_ plan: PlanReport, budget: String, view: String) {
        let output = Output.standard
        output.line("care plan of \(TerminalText.safe(budget)) (\(view))")
        var table = TextTable(headers: planCSVHeaders, rightAligned: [4, 5, 6, 7])
        for row in plan.rows { table.add(cells(row).map { TerminalText.safe($0.value) }) }
        for line in table.render() { output.line(line) }
        output.line("")
        output.line("planned \(plan.planned) of \(plan.allocated) allocated")
        output.line("unattributed (no line, a planned category): \(plan.unattributed.count) payments, \(plan.unattributed.amount)")
        output.line("outside the plan (no line, a category no line has): \(plan.outsidePlan.count) payments, \(plan.outsidePlan.amount)")
        output.flush()
    }

    static func renderPlanCSV(_ plan: PlanReport) {
        let output = Output.standard
        output.line(CSV.header(planCSVHeaders))
        for row in plan.rows { output.line(CSV.row(cells(row))) }
        output.flush()
    }

    private static func cells(_ row: PlanReport.Row) -> [CSVCell] {
        [.text(row.line), .text(row.pot.rawValue), .text(row.category), .text(row.funding.rawValue), .money(row.planned),
         .money(row.committed), .money(row.spent), .money(row.left)]
    }

    static func renderReviews(_ reviews: ReviewsReport, csv: Bool) {
        let output = Output.standard
        let headers = ["budget", "next_review", "days_overdue", "last_outcome"]
        let rows: [[CSVCell]] = reviews.rows.map {
            [.text($0.budget), .text($0.nextReview.description), .integer($0.daysOverdue), .text($0.lastOutcome?.rawValue ?? "")]
        }
        if csv {
            output.line(CSV.header(headers))
            for row in rows { output.line(CSV.row(row)) }
        } else {
            output.line("reviews due by \(reviews.dueBy): \(rows.count)")
            var table = TextTable(headers: headers, rightAligned: [2])
            for row in rows { table.add(row.map { TerminalText.safe($0.value) }) }
            if !rows.isEmpty { for line in table.render() { output.line(line) } }
        }
        output.flush()
    }

    static func renderRepayments(_ repayments: RepaymentsReport, csv: Bool) {
        let output = Output.standard
        let headers = ["budget", "repayment", "pot", "grounds", "requested", "recovered", "waived", "outstanding", "due", "overdue"]
        let rows: [[CSVCell]] = repayments.rows.map { row in
            [.text(row.budget), .text(row.request.name), .text(row.request.pot.rawValue), .text(row.request.grounds.rawValue),
             .money(row.request.requested), .money(row.request.recovered), .money(row.request.waived), .money(row.outstanding),
             .text(row.request.due.description), .text(row.isOverdue ? "yes" : "no")]
        }
        if csv {
            output.line(CSV.header(headers))
            for row in rows { output.line(CSV.row(row)) }
        } else {
            output.line("repayment requests on \(repayments.on): \(rows.count), \(repayments.rows.filter(\.isOverdue).count) overdue")
            var table = TextTable(headers: headers, rightAligned: [4, 5, 6, 7])
            for row in rows { table.add(row.map { TerminalText.safe($0.value) }) }
            if !rows.isEmpty { for line in table.render() { output.line(line) } }
        }
        output.flush()
    }

    static func renderQuarter(_ report: QuarterReport, csv: Bool) {
        let output = Output.standard
        if csv {
            // One row per figure, for a spreadsheet.
            output.line(CSV.header(["quarter", "from", "to", "measure", "name", "value"]))
            func row(_ measure: String, _ name: String, _ value: CSVCell) {
                output.line(CSV.row([.text(report.quarter.description), .text(report.quarter.from.description),
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
            output.flush()
            return
        }
        output.line("quarter \(report.quarter): \(report.quarter.from) to \(report.quarter.to)")
        output.line("budgets in place at \(report.quarter.to): \(report.total) ("
            + report.byHoldingModel.map { "\($0.model.rawValue) \($0.count)" }.joined(separator: ", ") + ")")
        output.line("by cohort: " + report.byCohort.map { "\(TerminalText.safe($0.cohort)) \($0.count)" }.joined(separator: ", "))
        output.line("opened in the quarter: \(report.newBudgets)")
        var table = TextTable(headers: ["pot", "allocated", "spent", "recovered"], rightAligned: [1, 2, 3])
        for (pot, money) in report.money {
            table.add([pot.rawValue, money.allocated.description, money.spent.description, money.recovered.description])
        }
        for line in table.render() { output.line(line) }
        output.flush()
    }
}
