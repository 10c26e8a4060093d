/// Applies events to a budget's projection without checking any rule: the posting rules check
/// first, and views (SPEC 3) must show history as it was, negative amounts included.
public enum Projector {
    /// Starts a budget's projection from its `budget_opened` event.
    public static func open(_ event: Event) -> BudgetState {
        guard case .budgetOpened(let opening) = event.body else { preconditionFailure("not a budget_opened event") }
        var state = BudgetState(budget: event.budget, opening: opening)
        state.version = 1
        return state
    }

    /// Applies `event` to `state`. For a reversal, `reversed` is the event it undoes.
    /// - Parameter recorded: the budget as recorded just before the event, every event counted,
    ///   when `state` is a view that left some out. A reconciliation's `expected` and a whole
    ///   release's amount are facts of the moment they were recorded, so a view shows them as
    ///   recorded rather than recomputing them from what the view happens to include.
    public static func apply(_ event: Event, to state: inout BudgetState, reversed: Event? = nil,
                             recorded: BudgetState? = nil) throws(ProjectionError) {
        assert(event.budget == state.budget, "an event applies to its own budget only")
        switch event.body {
        case .budgetOpened:
            preconditionFailure("a budget is opened once, by Projector.open")
        case .budgetClosed:
            state.isClosed = true
        case .reversal:
            guard let reversed else { preconditionFailure("a reversal needs the event it reverses") }
            try applyMovement(of: reversed, to: &state, sign: -1, heldDate: max(reversed.date, event.date))
        case .reconciliation(_, let periodEnd, let statementBalance, _):
            let pot = state.index(of: state.pot(for: event.body)!)!
            let expected = (recorded ?? state).pots[pot].heldChanges.total(through: periodEnd).amount
            let record = ReconciliationRecord(periodEnd: periodEnd, expected: expected, statementBalance: statementBalance)
            // Latest period_end wins; on a tie the later recorded, which is this one.
            if let last = state.pots[pot].lastReconciliation, last.periodEnd > periodEnd {
            } else {
                state.pots[pot].lastReconciliation = record
            }
        default:
            try applyMovement(of: event, to: &state, sign: 1, heldDate: event.date, recorded: recorded)
        }
        state.version += 1
    }

    /// Applies (sign 1) or exactly undoes (sign −1) the money an event moves. `heldDate` is the
    /// business date the change to `held` counts from: a reversal counts in an as-of-date view
    /// only once both it and the event it reverses are dated on or before the view's date.
    private static func applyMovement(of event: Event, to state: inout BudgetState, sign: Int64, heldDate: CalendarDate,
                                      recorded: BudgetState? = nil) throws(ProjectionError) {
        guard let potIndex = state.pot(for: event.body).flatMap(state.index(of:)) else {
            preconditionFailure("a posted event names one of its budget's pots")
        }
        func change(_ amount: Money, _ field: WritableKeyPath<PotBalances, Money>, by factor: Int64) throws(ProjectionError) {
            let (delta, overflow) = amount.pence.multipliedReportingOverflow(by: factor * sign)
            guard !overflow, let sum = state.pots[potIndex][keyPath: field].adding(Money(pence: delta)) else { throw .overflow }
            state.pots[potIndex][keyPath: field] = sum
        }
        func changeHeld(_ amount: Money, by factor: Int64) throws(ProjectionError) {
            try state.pots[potIndex].heldChanges.add(count: 0, amount: Money(pence: amount.pence * factor * sign), on: heldDate)
        }
        func changeCommitment(_ commitment: String, _ amount: Money, by factor: Int64) throws(ProjectionError) {
            guard let sum = (state.commitments[commitment] ?? .zero).adding(Money(pence: amount.pence * factor * sign)) else { throw .overflow }
            state.commitments[commitment] = sum
        }
        switch event.body {
        case .allocation(_, let amount, let direction):
            try change(amount, \.allocated, by: direction == .decrease ? -1 : 1)
        case .notionalCommitment(let commitment, _, _, let amount):
            try change(amount, \.committed, by: 1)
            try changeCommitment(commitment, amount, by: 1)
        case .commitmentRelease(let commitment, let amount):
            let released = amount ?? (recorded ?? state).commitments[commitment] ?? .zero
            try change(released, \.committed, by: -1)
            try changeCommitment(commitment, released, by: -1)
        case .thirdPartyTransfer(_, let amount), .directPaymentTransfer(let amount):
            try change(amount, \.transferred, by: 1)
            try changeHeld(amount, by: 1)
        case .payment(let payment):
            try change(payment.amount, \.spent, by: 1)
            if let commitment = payment.commitment {
                try change(payment.amount, \.committed, by: -1)
                try changeCommitment(commitment, payment.amount, by: -1)
            }
            if state.pots[potIndex].pot.isHeldElsewhere {
                try changeHeld(payment.amount, by: -1)
                try state.pots[potIndex].payments.add(count: sign, amount: Money(pence: payment.amount.pence * sign), on: event.date)
            }
        case .recovery(_, let amount, _):
            try change(amount, \.recovered, by: 1)
            try changeHeld(amount, by: -1)
        case .budgetOpened, .budgetClosed, .reconciliation, .reversal:
            preconditionFailure("\(event.kind.rawValue) moves no money")
        }
        // Each pot fitting is not enough: reports add the pots up (SPEC 3 budget totals).
        guard state.totalsFit else { throw .overflow }
    }
}
