import LedgerDomain

extension BudgetState {
    /// Empties every pot's dated totals, which the ledger does not store (format 5): a
    /// projection read back from the store has none.
    mutating func removeDatedTotals() { setEveryPotsDatedTotals(DatedTotals()) }

    /// Marks every pot's dated totals as not kept (`DatedTotals.notKept`): the writer's
    /// projection of a budget whose totals it does not hold whole, so that its events do not
    /// build a partial set nobody reads.
    mutating func stopKeepingDatedTotals() { setEveryPotsDatedTotals(.notKept) }

    private mutating func setEveryPotsDatedTotals(_ totals: DatedTotals) {
        for index in pots.indices {
            pots[index].heldChanges = totals
            pots[index].payments = totals
        }
    }
}
