import LMDB
import LedgerDomain

/// The budget projections a writer keeps from one commit to its next, so that a budget posted
/// to in commit after commit is not read back from LMDB each time. A commit of 64 single events
/// names 64 budgets, and reading and decoding their projections was a third of its
/// instructions; a bulk batch of 10,000 events over 1,000 budgets spent a tenth of its writer's
/// on it. Valid only at the chain tip its commit left: any other writer (another process, an
/// import, the other carry of this process) moves the tip, and the carry is then not used.
/// Nothing else changes a projection without moving the tip: an import writes them only in its
/// last commit, and `replay` rewrites only damaged ones, to what the events give, which is what
/// a carry holds. Locked: a ledger's bulk posts may come from several threads.
final class ProjectionCarry: @unchecked Sendable {
    /// Beyond this many budgets the carry starts again from the latest commit's: memory stays
    /// bounded however many budgets a long-running server posts to.
    static let budgetsMax = 1_024

    private let lock = ConditionLock()
    private var tip: ChainTip?
    private var kept: [String: KeptProjection] = [:]

    /// What it holds now, whatever the tip.
    var projections: [String: KeptProjection] { lock.withLock { kept } }

    /// The projections that may stand in for reads in a transaction whose chain tip is `tip`.
    func known(at tip: ChainTip) -> [String: KeptProjection] {
        lock.withLock { self.tip == tip ? kept : [:] }
    }

    /// After a commit that began at `start` and left `end`: `committed` (the projections it
    /// changed) is now what the ledger stores for those budgets; the others kept are unchanged.
    func keep(_ committed: [String: KeptProjection], from start: ChainTip, to end: ChainTip) {
        lock.withLock {
            if tip != start || kept.count + committed.count > Self.budgetsMax { kept = [:] }
            kept.merge(committed) { $1 }
            tip = end
        }
    }
}
