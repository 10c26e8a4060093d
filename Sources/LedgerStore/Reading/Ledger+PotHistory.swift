import LMDB
import LedgerDomain

extension Ledger {
    /// A budget's projection and one pot's history, read in one snapshot so that the movements
    /// a statement is matched against and the `expected` held computed from the projection
    /// describe the same events. Nil when there is no such budget.
    public func potHistory(budget: String, pot: Pot) throws -> (state: BudgetState, history: PotHistory)? {
        try read { txn in
            guard let state = try ProjectionEntries.load(budget, in: txn, databases: databases) else {
                return nil
            }
            var events: [(event: Event, seq: UInt64)] = []
            events.reserveCapacity(Int(state.version))
            try forEachEvent(ofBudget: budget, in: txn) { stored, _ in
                events.append((stored.event, stored.envelope.seq))
                return true
            }
            assert(UInt64(events.count) == state.version, "the projection's version counts the budget's events")
            return (state, PotHistory(pot: pot, state: state, events: events))
        }
    }
}
