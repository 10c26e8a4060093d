/// What one event does to a budget's projection, worked out before anything changes. Posting
/// checks it (every total fits, every balance stays ≥ 0) and only then applies it in place, so a
/// projection is never copied to try an event on it — a copy that cost a budget's dated totals
/// (hundreds of entries) on every posted event.
public struct ProjectedChange: Sendable {
    /// The money the event moves in one pot.
    struct PotChange: Sendable {
        let potIndex: Int
        /// The pot's figures after the event.
        var figures: PotFigures
        /// To add to the pot's `heldChanges` (already checked to fit).
        var held: (date: CalendarDate, amount: Money)?
        /// To add to the pot's `payments` (already checked to fit).
        var payment: (date: CalendarDate, count: Int64, amount: Money)?
        /// A commitment's open amount after the event.
        var commitment: (id: String, open: Money)?
    }

    var potChange: PotChange?
    var closes = false
    /// The record a reconciliation leaves as its pot's latest, unless a later one is already there.
    var reconciliation: (potIndex: Int, record: ReconciliationRecord)?
    /// The care plan after the event, when the event changes it (SPEC 9).
    var carePlan: CarePlanState?

    /// Pot `index`'s figures once the change is applied to `state`.
    public func figures(ofPot index: Int, in state: BudgetState) -> PotFigures {
        if let potChange, potChange.potIndex == index { return potChange.figures }
        return state.pots[index].figures
    }

    /// Whether the budget totals of SPEC 3 (sums over the pots) still fit 64-bit pence after the
    /// change: the projector refuses any change after which they would not, so reports can add
    /// the pots up freely.
    public func totalsFit(on state: BudgetState) -> Bool {
        var sums = (allocated: Money.zero, committed: Money.zero, spent: Money.zero, recovered: Money.zero, remaining: Money.zero)
        for index in state.pots.indices {
            let pot = figures(ofPot: index, in: state)
            guard let allocated = sums.allocated.adding(pot.allocated), let committed = sums.committed.adding(pot.committed),
                  let spent = sums.spent.adding(pot.spent), let recovered = sums.recovered.adding(pot.recovered),
                  let remaining = sums.remaining.adding(pot.remaining) else { return false }
            sums = (allocated, committed, spent, recovered, remaining)
        }
        return true
    }
}
