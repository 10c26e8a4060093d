import LedgerDomain

/// Why a use case could not answer: values a front end maps to its own words and codes (an exit
/// status, an HTTP status). Operational failures of the store, and a view past the last event,
/// are `StoreError`; rejected events are results in a `PostReport`, not errors.
public enum ApplicationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No budget has this id (in the view asked for, when `inView`).
    case noSuchBudget(String, inView: Bool)
    /// A period whose first day is after its last.
    case periodStartsAfterEnd(start: CalendarDate, end: CalendarDate)
    /// A statement period would start after its end: the budget starts after the period ends.
    case periodEndsBeforeBudgetStarts(budget: String, end: CalendarDate, budgetStart: CalendarDate)
    /// Weeks of funding outside 0 through `Surplus.weeksMax`.
    case surplusWeeksOutOfRange(Int)
    /// The statement cannot be reconciled against that pot.
    case reconciliation(ReconciliationError)
    /// A sum the answer needs does not fit in the ledger's amounts.
    case figuresTooLarge(String)

    public var description: String {
        switch self {
        case .noSuchBudget(let budget, let inView): return "there is no budget \"\(budget)\"\(inView ? " in this view" : "")"
        case .periodStartsAfterEnd(let start, let end): return "the period starts on \(start), after its end \(end)"
        case .periodEndsBeforeBudgetStarts(let budget, let end, let budgetStart):
            return "the period end \(end) is before budget \"\(budget)\" starts (\(budgetStart)); give the period's start"
        case .surplusWeeksOutOfRange(let weeks): return "\(weeks) weeks of funding is outside 0 to \(Surplus.weeksMax)"
        case .reconciliation(let error): return error.description
        case .figuresTooLarge(let what): return what
        }
    }

    static func checkSurplusWeeks(_ weeks: Int) throws(ApplicationError) {
        guard (0...Surplus.weeksMax).contains(weeks) else { throw .surplusWeeksOutOfRange(weeks) }
    }
}
