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
}
