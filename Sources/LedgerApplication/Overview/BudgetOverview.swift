import LedgerDomain

/// Every budget in a view with what a finance team looks at first (the budgets list of the web
/// pages): its totals, unreconciled payments, surplus, next review, overdue repayments, and
/// the reasons, in words, that it needs attention. The answer of
/// ``LedgerStore/Ledger/budgetOverview(on:view:surplusWeeks:)``.
public struct BudgetOverview: Sendable {
    /// Why a budget needs someone to look at it, in the order the list names them.
    public enum Attention: String, CaseIterable, Sendable {
        /// A holder keeps more than the surplus threshold (SPEC 7).
        case surplus
        /// Payments unreconciled more than `CommissionerReport.unreconciledAgeDaysMax` days.
        case unreconciledPayments = "unreconciled_payments"
        /// The next review (SPEC 9) is before the day of the overview.
        case reviewOverdue = "review_overdue"
        /// A repayment request has money outstanding after its due date (SPEC 9).
        case repaymentOverdue = "repayment_overdue"

        /// The reason in plain English.
        public var words: String {
            switch self {
            case .surplus: return "Surplus"
            case .unreconciledPayments: return "Unreconciled over 90 days"
            case .reviewOverdue: return "Review overdue"
            case .repaymentOverdue: return "Repayment overdue"
            }
        }
    }

    /// One budget.
    public struct Row: Sendable {
        public let state: BudgetState
        /// As `balance` totals them.
        public let totals: BalanceReport.Totals
        /// Payments after the latest reconciliation, over the third-party and direct-payment pots.
        public let unreconciled: (count: Int64, amount: Money)
        /// Of those, the ones dated more than 90 days before the day of the overview.
        public let unreconciledOverdue: (count: Int64, amount: Money)
        /// Money held over the threshold (as `balances --surplus-weeks`); nil for a notional-only budget.
        public let surplus: Money?
        /// SPEC 9's next review; nil after a stop or once closed.
        public let nextReview: CalendarDate?
        /// Repayment requests overdue on the day of the overview.
        public let overdueRepayments: Int
        /// Empty when nothing needs attention.
        public let attention: [Attention]

        public var budget: String { state.budget }
    }

    /// The day "overdue" is judged on.
    public let on: CalendarDate
    public let surplusWeeks: Int
    /// Ordered by budget id (byte order), as `balances` lists them.
    public let rows: [Row]

    /// The same overview with only the budgets `isIncluded` keeps (a viewer's own).
    public func filtered(_ isIncluded: (String) -> Bool) -> BudgetOverview {
        BudgetOverview(on: on, surplusWeeks: surplusWeeks, rows: rows.filter { isIncluded($0.budget) })
    }

    private init(on: CalendarDate, surplusWeeks: Int, rows: [Row]) {
        self.on = on
        self.surplusWeeks = surplusWeeks
        self.rows = rows
    }

    /// - Parameters:
    ///   - sheet: the budgets with their surplus (``BalanceSheet`` with `surplusWeeks`).
    ///   - date: the day to judge overdue reviews, repayments and payments on.
    public init(sheet: BalanceSheet, on date: CalendarDate) {
        precondition(sheet.surplusWeeks != nil, "the overview shows the surplus")
        on = date
        surplusWeeks = sheet.surplusWeeks ?? Surplus.weeksDefault
        let overdueBefore = date.adding(days: -CommissionerReport.unreconciledAgeDaysMax)
        rows = sheet.rows.map { row in
            let state = row.state
            let holders = state.pots.filter(\.pot.isHeldElsewhere)
            let unreconciled = holders.map(\.unreconciled)
            let overdue = holders.map { CommissionerReport.unreconciled($0, datedBefore: overdueBefore) }
            let nextReview = state.carePlan.nextReview(opening: state.opening, openedOn: state.openedOn, isClosed: state.isClosed)
            let overdueRepayments = state.carePlan.requests.values.filter { $0.isOverdue(on: date) }.count
            var attention: [Attention] = []
            if let surplus = row.surplusTotal, surplus > .zero { attention.append(.surplus) }
            if overdue.contains(where: { $0.count > 0 }) { attention.append(.unreconciledPayments) }
            if let nextReview, nextReview < date { attention.append(.reviewOverdue) }
            if overdueRepayments > 0 { attention.append(.repaymentOverdue) }
            // Each pot's payments fit in 64-bit pence (the projector checks), and there are at most two holder pots.
            return Row(state: state, totals: BalanceReport.totals(of: state),
                       unreconciled: (unreconciled.reduce(0) { $0 + $1.count }, Money(pence: unreconciled.reduce(0) { $0 + $1.amount.pence })),
                       unreconciledOverdue: (overdue.reduce(0) { $0 + $1.count }, Money(pence: overdue.reduce(0) { $0 + $1.amount.pence })),
                       surplus: row.surplusTotal, nextReview: nextReview, overdueRepayments: overdueRepayments, attention: attention)
        }
    }
}
