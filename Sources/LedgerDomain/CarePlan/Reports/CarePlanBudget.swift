/// What the section 9 reports need of one budget, in a view: its opening, whether it is
/// closed, its care-plan state and, for `plan`, the money allocated to its pots.
public struct CarePlanBudget: Sendable {
    public let budget: String
    public let opening: BudgetOpening
    /// The `budget_opened` event's date.
    public let openedOn: CalendarDate
    public let isClosed: Bool
    public let carePlan: CarePlanState
    /// The sum of the pots' `allocated` in the view.
    public let allocated: Money

    public init(budget: String, opening: BudgetOpening, openedOn: CalendarDate, isClosed: Bool,
                carePlan: CarePlanState, allocated: Money) {
        self.budget = budget
        self.opening = opening
        self.openedOn = openedOn
        self.isClosed = isClosed
        self.carePlan = carePlan
        self.allocated = allocated
    }
}

extension String {
    /// Byte order of the UTF-8 text, the order SPEC 6.2 lists budgets in.
    static func precedesInBytes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }
}

extension CarePlanBudget {
    /// The care plan of a budget's projection (stored, or folded for a view).
    public init(state: BudgetState) {
        // The projector keeps budget totals within 64-bit pence (ProjectedChange.totalsFit).
        let allocated = state.pots.reduce(Money.zero as Money?) { sum, pot in sum?.adding(pot.figures.allocated) }
        self.init(budget: state.budget, opening: state.opening, openedOn: state.openedOn, isClosed: state.isClosed,
                  carePlan: state.carePlan, allocated: allocated ?? .zero)
    }
}
