/// Applies events to a budget's projection without checking any rule: the posting rules check
/// first, and views (SPEC 3) must show history as it was, negative amounts included.
public enum Projector {
    /// Starts a budget's projection from its `budget_opened` event.
    public static func open(_ event: Event) -> BudgetState {
        guard case .budgetOpened(let opening) = event.body else { preconditionFailure("not a budget_opened event") }
        var state = BudgetState(budget: event.budget, openedOn: event.date, opening: opening)
        state.version = 1
        return state
    }

    /// Whether applying `event` to a budget that holds `eventsSoFar` events reads its dated
    /// totals: a reconciliation does (its `expected`, and the payments after its `period_end`),
    /// and any event might once a date's total could outgrow 64 bits
    /// (`DatedTotals.addMayOverflow`). A projection kept without them must have them folded
    /// from the budget's events first when this says so.
    public static func readsDatedTotals(_ event: Event, eventsSoFar: UInt64) -> Bool {
        if case .reconciliation = event.body { return true }
        return DatedTotals.addMayOverflow(afterEvents: eventsSoFar)
    }

    /// Applies `event` to `state`, in place. For a reversal, `reversed` is the event it undoes.
    /// Throws `.overflow`, changing nothing, when a total would not fit.
    /// - Parameter recorded: the budget as recorded just before the event, every event counted,
    ///   when `state` is a view that left some out. A reconciliation's `expected` and a whole
    ///   release's amount are facts of the moment they were recorded, so a view shows them as
    ///   recorded rather than recomputing them from what the view happens to include.
    public static func apply(_ event: Event, to state: inout BudgetState, reversed: Event? = nil,
                             recorded: BudgetState? = nil) throws(ProjectionError) {
        apply(try project(event, on: state, reversed: reversed, recorded: recorded), to: &state)
    }

    /// Applies a money movement dated `date` (not a reversal: that needs the event it undoes)
    /// to `state`, in place. Throws `.overflow`, changing nothing, when a total would not fit.
    public static func apply(_ movement: Movement, on date: CalendarDate, to state: inout BudgetState,
                             recorded: BudgetState? = nil) throws(ProjectionError) {
        var change = ProjectedChange()
        change.potChange = try potChange(of: movement, on: date, in: state, sign: 1, heldDate: date, recorded: recorded)
        guard change.totalsFit(on: state) else { throw .overflow }
        apply(change, to: &state)
    }

    /// What `event` would do to `state`, which is left as it is.
    public static func project(_ event: Event, on state: BudgetState, reversed: Event? = nil,
                               recorded: BudgetState? = nil) throws(ProjectionError) -> ProjectedChange {
        precondition(event.budget == state.budget, "an event applies to its own budget only")
        var change = ProjectedChange()
        switch event.body {
        case .budgetOpened:
            preconditionFailure("a budget is opened once, by Projector.open")
        case .budgetClosed:
            change.closes = true
        case .reversal:
            guard let reversed else { preconditionFailure("a reversal needs the event it reverses") }
            guard let movement = Movement(reversed.body) else { preconditionFailure("only a movement of money is reversed") }
            change.potChange = try potChange(of: movement, on: reversed.date, in: state, sign: -1, heldDate: max(reversed.date, event.date))
            change.carePlan = try CarePlanProjector.moneyChange(reversed, sign: -1, on: state)
        case .planLine, .scheduleSet, .scheduleEnded, .review, .repaymentRequested, .repaymentWaived:
            change.carePlan = try CarePlanProjector.project(event, on: state, recorded: recorded)
        case .reconciliation(_, let periodEnd, let statementBalance, _, _):
            let pot = state.index(of: state.pot(for: event.body)!)!
            // Latest period_end wins; on a tie the later recorded, which is this one.
            if let last = state.pots[pot].lastReconciliation, last.periodEnd > periodEnd { break }
            let heldChanges = if let recorded { recorded.pots[pot].heldChanges } else { state.pots[pot].heldChanges }
            let expected = heldChanges.total(through: periodEnd).amount
            change.reconciliation = (pot, ReconciliationRecord(periodEnd: periodEnd, expected: expected, statementBalance: statementBalance))
        case .allocation, .notionalCommitment, .commitmentRelease, .thirdPartyTransfer, .directPaymentTransfer, .payment, .recovery:
            guard let movement = Movement(event.body) else { preconditionFailure("a \(event.kind.rawValue) moves money") }
            change.potChange = try potChange(of: movement, on: event.date, in: state, sign: 1, heldDate: event.date,
                                             recorded: recorded)
            change.carePlan = try CarePlanProjector.moneyChange(event, sign: 1, on: state)
        }
        // Each pot fitting is not enough: reports add the pots up (SPEC 3 budget totals).
        guard change.totalsFit(on: state) else { throw .overflow }
        return change
    }

    /// Applies a change that `project` worked out on this very state.
    public static func apply(_ change: ProjectedChange, to state: inout BudgetState) {
        if change.closes { state.isClosed = true }
        if let (pot, record) = change.reconciliation { state.pots[pot].reconcile(record) }
        if let carePlan = change.carePlan { state.carePlan = carePlan }
        if let potChange = change.potChange {
            let pot = potChange.potIndex
            state.pots[pot].figures = potChange.figures
            if let held = potChange.held { state.pots[pot].heldChanges.add(count: 0, amount: held.amount, on: held.date) }
            if let payment = potChange.payment {
                state.pots[pot].payments.add(count: payment.count, amount: payment.amount, on: payment.date)
                state.pots[pot].countPayment(count: payment.count, amount: payment.amount, on: payment.date)
            }
            if let commitment = potChange.commitment { state.setCommitment(commitment.id, open: commitment.open) }
        }
        state.version += 1
    }

    /// The money an event dated `date` moves (sign 1), or exactly undoes (sign −1). `heldDate`
    /// is the business date the change to `held` counts from: a reversal counts in an as-of-date
    /// view only once both it and the event it reverses are dated on or before the view's date.
    private static func potChange(of movement: Movement, on date: CalendarDate, in state: BudgetState, sign: Int64,
                                  heldDate: CalendarDate, recorded: BudgetState? = nil) throws(ProjectionError) -> ProjectedChange.PotChange {
        // Not `flatMap(state.index(of:))`: that method reference captures (copies) the state.
        guard let pot = state.pot(for: movement), let potIndex = state.index(of: pot) else {
            preconditionFailure("a posted event names one of its budget's pots")
        }
        // Straight-line code, no nested functions: a closure capturing `state` would copy the
        // whole projection into a heap box on every event.
        var change = ProjectedChange.PotChange(potIndex: potIndex, figures: state.pots[potIndex].figures)
        let isHeldElsewhere = state.pots[potIndex].pot.isHeldElsewhere
        var heldChange: Money?
        var commitmentChange: (id: String, amount: Money)?
        switch movement.kind {
        case .allocation(let decrease):
            change.figures.allocated = try changed(change.figures.allocated, by: movement.amount!, decrease ? -sign : sign)
        case .notionalCommitment(let commitment):
            change.figures.committed = try changed(change.figures.committed, by: movement.amount!, sign)
            commitmentChange = (commitment, Money(pence: movement.amount!.pence * sign))
        case .commitmentRelease(let commitment):
            // Not `recorded ?? state`: its autoclosure would capture (copy) the state.
            let open: Money? = if let recorded { recorded.commitments[commitment] } else { state.commitments[commitment] }
            let released = movement.amount ?? open ?? .zero
            change.figures.committed = try changed(change.figures.committed, by: released, -sign)
            commitmentChange = (commitment, Money(pence: released.pence * -sign))
        case .transfer:
            change.figures.transferred = try changed(change.figures.transferred, by: movement.amount!, sign)
            heldChange = Money(pence: movement.amount!.pence * sign)
        case .payment(let commitment):
            let amount = movement.amount!
            change.figures.spent = try changed(change.figures.spent, by: amount, sign)
            if let commitment {
                change.figures.committed = try changed(change.figures.committed, by: amount, -sign)
                commitmentChange = (commitment, Money(pence: amount.pence * -sign))
            }
            if isHeldElsewhere {
                heldChange = Money(pence: amount.pence * -sign)
                let paid = Money(pence: amount.pence * sign)
                guard state.pots[potIndex].payments.canAdd(paid, on: date) else { throw .overflow }
                change.payment = (date, sign, paid)
            }
        case .recovery:
            change.figures.recovered = try changed(change.figures.recovered, by: movement.amount!, sign)
            heldChange = Money(pence: movement.amount!.pence * -sign)
        }
        if let heldChange {
            guard state.pots[potIndex].heldChanges.canAdd(heldChange, on: heldDate) else { throw .overflow }
            change.held = (heldDate, heldChange)
        }
        if let (commitment, amount) = commitmentChange {
            guard let open = (state.commitments[commitment] ?? .zero).adding(amount) else { throw .overflow }
            change.commitment = (commitment, open)
        }
        return change
    }

    /// `total` changed by `amount × factor`, where factor is ±1; throws when it would not fit.
    private static func changed(_ total: Money, by amount: Money, _ factor: Int64) throws(ProjectionError) -> Money {
        let (delta, overflow) = amount.pence.multipliedReportingOverflow(by: factor)
        guard !overflow, let sum = total.adding(Money(pence: delta)) else { throw .overflow }
        return sum
    }
}
