import LedgerDomain

extension BudgetState {
    /// Empties every pot's dated totals, which the ledger does not store (format 5): a
    /// projection read back from the store has none.
    mutating func removeDatedTotals() {
        for index in pots.indices {
            pots[index].heldChanges = DatedTotals()
            pots[index].payments = DatedTotals()
        }
    }

    /// Marks every pot's dated totals as not kept (`DatedTotals.notKept`): the writer's
    /// projection of a budget whose totals it does not hold whole, so that its events do not
    /// build a partial set nobody reads.
    mutating func stopKeepingDatedTotals() {
        for index in pots.indices {
            pots[index].heldChanges = .notKept
            pots[index].payments = .notKept
        }
    }
}
