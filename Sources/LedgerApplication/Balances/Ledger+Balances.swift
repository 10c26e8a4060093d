import LedgerDomain
import LedgerStore

extension Ledger {
    /// One budget's balances in a view (SPEC 3), from one read snapshot.
    ///
    /// ```swift
    /// let state = try ledger.balance(of: "PHB-0008", view: ViewFilter(asOfDate: CalendarDate(iso: "2025-09-30")))
    /// print(BalanceReport.totals(of: state).remaining)   // 1833.97
    /// ```
    /// - Throws: ``ApplicationError/noSuchBudget(_:inView:)``, `StoreError`.
    public func balance(of budget: String, view: ViewFilter = ViewFilter()) throws -> BudgetState {
        try snapshot { try $0.balance(of: budget, view: view) }
    }

    /// One budget's figures as `balance` shows them, as ``balance(of:view:)`` but, in the current
    /// view, read in one LMDB get: the state's dated totals and commitments are left empty (see
    /// `LedgerSnapshot.budgetBalances`). For `balance` and its HTTP form, which show nothing else.
    /// - Throws: ``ApplicationError/noSuchBudget(_:inView:)``, `StoreError`.
    public func balanceFigures(of budget: String, view: ViewFilter = ViewFilter()) throws -> BudgetState {
        try snapshot { try $0.balanceFigures(of: budget, view: view) }
    }

    /// Every budget in a view, with each holder pot's surplus when `surplusWeeks` is given,
    /// from one read snapshot.
    ///
    /// ```swift
    /// let sheet = try ledger.balanceSheet(surplusWeeks: 8)
    /// for row in sheet.rows { print(row.state.budget, row.surplusTotal ?? .zero) }
    /// ```
    /// - Throws: ``ApplicationError/surplusWeeksOutOfRange(_:)``, `StoreError`.
    public func balanceSheet(view: ViewFilter = ViewFilter(), surplusWeeks: Int? = nil) throws -> BalanceSheet {
        try snapshot { try $0.balanceSheet(view: view, surplusWeeks: surplusWeeks) }
    }
}

extension LedgerSnapshot {
    /// ``LedgerStore/Ledger/balance(of:view:)`` in this snapshot.
    public func balance(of budget: String, view: ViewFilter = ViewFilter()) throws -> BudgetState {
        guard let state = try budgetState(budget, view: view) else {
            throw ApplicationError.noSuchBudget(budget, inView: !view.isEverything)
        }
        return state
    }

    /// ``LedgerStore/Ledger/balanceFigures(of:view:)`` in this snapshot.
    public func balanceFigures(of budget: String, view: ViewFilter = ViewFilter()) throws -> BudgetState {
        guard let state = try budgetBalances(budget, view: view) else {
            throw ApplicationError.noSuchBudget(budget, inView: !view.isEverything)
        }
        return state
    }

    /// ``LedgerStore/Ledger/balanceSheet(view:surplusWeeks:)`` in this snapshot.
    public func balanceSheet(view: ViewFilter = ViewFilter(), surplusWeeks: Int? = nil) throws -> BalanceSheet {
        if let surplusWeeks { try ApplicationError.checkSurplusWeeks(surplusWeeks) }
        // Balance figures alone: in the current view one stored value a budget.
        return BalanceSheet(states: try allBudgetBalances(view: view), surplusWeeks: surplusWeeks)
    }
}
