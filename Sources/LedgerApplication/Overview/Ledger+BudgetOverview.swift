import LedgerDomain
import LedgerStore

extension Ledger {
    /// Every budget in a view with its totals, surplus, unreconciled payments, next review and
    /// overdue repayments, and why it needs attention on `date`, from one read snapshot.
    ///
    /// ```swift
    /// let overview = try ledger.budgetOverview(on: CalendarDate(iso: "2026-04-30")!)
    /// for row in overview.rows where !row.attention.isEmpty { print(row.budget, row.attention.map(\.words)) }
    /// ```
    /// - Throws: ``ApplicationError/surplusWeeksOutOfRange(_:)``, `StoreError`.
    public func budgetOverview(on date: CalendarDate, view: ViewFilter = ViewFilter(),
                               surplusWeeks: Int = Surplus.weeksDefault) throws -> BudgetOverview {
        try snapshot { try $0.budgetOverview(on: date, view: view, surplusWeeks: surplusWeeks) }
    }
}

extension LedgerSnapshot {
    /// ``LedgerStore/Ledger/budgetOverview(on:view:surplusWeeks:)`` within this snapshot.
    public func budgetOverview(on date: CalendarDate, view: ViewFilter = ViewFilter(),
                               surplusWeeks: Int = Surplus.weeksDefault) throws -> BudgetOverview {
        BudgetOverview(sheet: try balanceSheet(view: view, surplusWeeks: surplusWeeks), on: date)
    }
}
