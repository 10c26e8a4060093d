import LMDB
import LedgerDomain

extension Ledger {
    /// A budget's projection and one pot's history, read in one snapshot so that the movements
    /// a statement is matched against and the `expected` held computed from the projection
    /// describe the same events. Nil when there is no such budget.
    public func potHistory(budget: String, pot: Pot) throws -> (state: BudgetState, history: PotHistory)? {
        try snapshot { try $0.potHistory(budget: budget, pot: pot) }
    }
}
