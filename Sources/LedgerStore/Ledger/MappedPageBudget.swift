import LMDB

/// Counts events written or read through the map since its pages were last handed back, and
/// says when to hand them back again (`Environment.releaseMappedPages`), so that posting or
/// folding millions of events keeps a bounded resident set. Shared by the ledger's threads.
final class MappedPageBudget: Sendable {
    /// Events between releases, counted as they are posted or folded (inside a transaction
    /// too: the released pages are clean, LMDB's dirty pages live in the heap). 10,000 events
    /// over 1,000 budgets with a year's dated totals each map ~90 MB (each budget's projection
    /// and the overflow pages it replaces, a leaf of each index per budget, branch pages);
    /// re-mapping the hot pages after a release costs a few thousand minor faults.
    static let eventsBetweenReleases = 5_000

    private let lock = ConditionLock()
    private let count = Count()

    /// Guarded by `lock`.
    private final class Count: @unchecked Sendable { var events = 0 }

    /// Adds `events`; true when the pages are due to be handed back (the count restarts).
    func spend(_ events: Int) -> Bool {
        lock.withLock {
            count.events += events
            guard count.events >= MappedPageBudget.eventsBetweenReleases else { return false }
            count.events = 0
            return true
        }
    }
}
