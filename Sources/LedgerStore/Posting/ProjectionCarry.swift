import LedgerDomain

/// The budget projections the group committer keeps from one commit to its next, so that a
/// budget posted to in commit after commit is not read back from LMDB each time. A commit of 64
/// single events names 64 budgets; reading and decoding their projections was a third of its
/// instructions. Valid only at the chain tip its commit left: any other writer (another process,
/// a bulk post, an import) moves the tip, and the carry is then not used. Used by one thread.
final class ProjectionCarry {
    /// Beyond this many budgets the carry starts again from the latest commit's: memory stays
    /// bounded however many budgets a long-running server posts to.
    static let budgetsMax = 1_024

    private var tip: ChainTip?
    private(set) var states: [String: BudgetState] = [:]

    /// The projections that may stand in for reads in a transaction whose chain tip is `tip`.
    func known(at tip: ChainTip) -> [String: BudgetState] {
        self.tip == tip ? states : [:]
    }

    /// After a commit that began at `start` and left `end`: `committed` (the projections it
    /// changed) is now what the ledger stores for those budgets; the others kept are unchanged.
    func keep(_ committed: [String: BudgetState], from start: ChainTip, to end: ChainTip) {
        if tip != start || states.count + committed.count > Self.budgetsMax { states = [:] }
        states.merge(committed) { $1 }
        tip = end
    }
}
