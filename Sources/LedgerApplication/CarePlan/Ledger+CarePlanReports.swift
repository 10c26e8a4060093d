import LedgerDomain
import LedgerStore

extension Ledger {
    /// `plan BUDGET` in a view: the budget's care plan lines with what was committed and spent
    /// against each, from one read snapshot.
    ///
    /// ```swift
    /// let plan = try ledger.planReport("PHB-0001")
    /// print(String(decoding: plan.jsonLines, as: UTF8.self))
    /// ```
    /// - Throws: ``ApplicationError/noSuchBudget(_:inView:)``, ``ApplicationError/figuresTooLarge(_:)``, `StoreError`.
    public func planReport(_ budget: String, view: ViewFilter = ViewFilter()) throws -> PlanReport {
        guard let found = try planSpending(budget, view: view) else {
            throw ApplicationError.noSuchBudget(budget, inView: !view.isEverything)
        }
        guard let report = PlanReport(found.budget, spending: found.spending) else {
            throw ApplicationError.figuresTooLarge("budget \"\(budget)\"'s plan adds up to more than the ledger can hold")
        }
        return report
    }

    /// `reviews --due-by D` in a view: the budgets whose next review falls on or before `date`,
    /// from one read snapshot.
    public func reviewsReport(dueBy date: CalendarDate, view: ViewFilter = ViewFilter()) throws -> ReviewsReport {
        ReviewsReport(dueBy: date, budgets: try carePlanBudgets(view: view))
    }

    /// `repayments --on D [--budget B]` in a view: every repayment request and what is left of
    /// it on `date`, from one read snapshot.
    /// - Throws: ``ApplicationError/noSuchBudget(_:inView:)`` for a `budget` not in the view,
    ///   ``ApplicationError/figuresTooLarge(_:)``, `StoreError`.
    public func repaymentsReport(on date: CalendarDate, budget: String? = nil, view: ViewFilter = ViewFilter()) throws -> RepaymentsReport {
        var budgets = try carePlanBudgets(view: view)
        if let budget {
            budgets = budgets.filter { $0.budget == budget }
            if budgets.isEmpty { throw ApplicationError.noSuchBudget(budget, inView: !view.isEverything) }
        }
        guard let report = RepaymentsReport(on: date, budgets: budgets) else {
            throw ApplicationError.figuresTooLarge("a repayment's figures add up to more than the ledger can hold")
        }
        return report
    }
}
