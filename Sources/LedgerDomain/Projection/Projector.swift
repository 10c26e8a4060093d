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

    /// Applies `event` to `state`, in place. For a reversal, `reversed` is the event it undoes.
    /// Throws `.overflow`, changing nothing, when a total would not fit.
    public static func apply(_ event: Event, to state: inout BudgetState, reversed: Event? = nil) throws(ProjectionError) {
        apply(try project(event, on: state, reversed: reversed), to: &state)
    }

    /// What `event` would do to `state`, which is left as it is.
    public static func project(_ event: Event, on state: BudgetState, reversed: Event? = nil) throws(ProjectionError) -> ProjectedChange {
        assert(event.budget == state.budget, "an event applies to its own budget only")
        var change = ProjectedChange()
        switch event.body {
        case .budgetOpened:
            preconditionFailure("a budget is opened once, by Projector.open")
        case .budgetClosed:
            change.closes = true
        case .reversal:
            guard let reversed else { preconditionFailure("a reversal needs the event it reverses") }
            change.movement = try movement(of: reversed, in: state, sign: -1, heldDate: max(reversed.date, event.date))
        case .reconciliation(_, let periodEnd, let statementBalance, _):
            let pot = state.index(of: state.pot(for: event.body)!)!
            // Latest period_end wins; on a tie the later recorded, which is this one.
            if let last = state.pots[pot].lastReconciliation, last.periodEnd > periodEnd { break }
            let expected = state.pots[pot].heldChanges.total(through: periodEnd).amount
            change.reconciliation = (pot, ReconciliationRecord(periodEnd: periodEnd, expected: expected, statementBalance: statementBalance))
        default:
            change.movement = try movement(of: event, in: state, sign: 1, heldDate: event.date)
        }
        return change
    }

    /// Applies a change that `project` worked out on this very state.
    public static func apply(_ change: ProjectedChange, to state: inout BudgetState) {
        if change.closes { state.isClosed = true }
        if let (pot, record) = change.reconciliation { state.pots[pot].lastReconciliation = record }
        if let movement = change.movement {
            let pot = movement.potIndex
            state.pots[pot].figures = movement.figures
            if let held = movement.held { state.pots[pot].heldChanges.add(count: 0, amount: held.amount, on: held.date) }
            if let payment = movement.payment { state.pots[pot].payments.add(count: payment.count, amount: payment.amount, on: payment.date) }
            if let commitment = movement.commitment { state.commitments[commitment.id] = commitment.open }
        }
        state.version += 1
    }

    /// The money an event moves (sign 1), or exactly undoes (sign −1). `heldDate` is the
    /// business date the change to `held` counts from: a reversal counts in an as-of-date view
    /// only once both it and the event it reverses are dated on or before the view's date.
    private static func movement(of event: Event, in state: BudgetState, sign: Int64,
                                 heldDate: CalendarDate) throws(ProjectionError) -> ProjectedChange.Movement {
        guard let potIndex = state.pot(for: event.body).flatMap(state.index(of:)) else {
            preconditionFailure("a posted event names one of its budget's pots")
        }
        let pot = state.pots[potIndex]
        var movement = ProjectedChange.Movement(potIndex: potIndex, figures: pot.figures)
        /// `total` changed by `amount × factor × sign`.
        func changed(_ total: Money, by amount: Money, _ factor: Int64) throws(ProjectionError) -> Money {
            let (delta, overflow) = amount.pence.multipliedReportingOverflow(by: factor * sign)
            guard !overflow, let sum = total.adding(Money(pence: delta)) else { throw .overflow }
            return sum
        }
        func changeHeld(_ amount: Money, by factor: Int64) throws(ProjectionError) {
            let change = Money(pence: amount.pence * factor * sign)
            guard pot.heldChanges.canAdd(change, on: heldDate) else { throw .overflow }
            movement.held = (heldDate, change)
        }
        func changeCommitment(_ commitment: String, _ amount: Money, by factor: Int64) throws(ProjectionError) {
            guard let open = (state.commitments[commitment] ?? .zero).adding(Money(pence: amount.pence * factor * sign)) else { throw .overflow }
            movement.commitment = (commitment, open)
        }
        switch event.body {
        case .allocation(_, let amount, let direction):
            movement.figures.allocated = try changed(movement.figures.allocated, by: amount, direction == .decrease ? -1 : 1)
        case .notionalCommitment(let commitment, _, _, let amount):
            movement.figures.committed = try changed(movement.figures.committed, by: amount, 1)
            try changeCommitment(commitment, amount, by: 1)
        case .commitmentRelease(let commitment, let amount):
            let released = amount ?? state.commitments[commitment] ?? .zero
            movement.figures.committed = try changed(movement.figures.committed, by: released, -1)
            try changeCommitment(commitment, released, by: -1)
        case .thirdPartyTransfer(_, let amount), .directPaymentTransfer(let amount):
            movement.figures.transferred = try changed(movement.figures.transferred, by: amount, 1)
            try changeHeld(amount, by: 1)
        case .payment(let payment):
            movement.figures.spent = try changed(movement.figures.spent, by: payment.amount, 1)
            if let commitment = payment.commitment {
                movement.figures.committed = try changed(movement.figures.committed, by: payment.amount, -1)
                try changeCommitment(commitment, payment.amount, by: -1)
            }
            if pot.pot.isHeldElsewhere {
                try changeHeld(payment.amount, by: -1)
                let amount = Money(pence: payment.amount.pence * sign)
                guard pot.payments.canAdd(amount, on: event.date) else { throw .overflow }
                movement.payment = (event.date, sign, amount)
            }
        case .recovery(_, let amount, _):
            movement.figures.recovered = try changed(movement.figures.recovered, by: amount, 1)
            try changeHeld(amount, by: -1)
        case .budgetOpened, .budgetClosed, .reconciliation, .reversal:
            preconditionFailure("\(event.kind.rawValue) moves no money")
        }
        return movement
    }
}
