/// Steps through the map counted on one thread and handed to the ledger's shared budget
/// (`Ledger.noteMapSteps`) a few at a time. Replay walks the events on two threads at once;
/// each taking the budget's lock for every event made a 200,000-event replay ~1.3 × as long.
/// A batch is no longer than the budget's own longest run between checks, so checks come as
/// often as they would step by step.
struct MapStepBatch {
    private let ledger: Ledger
    private var pending = 0
    private var bytesSinceStep = 0

    init(_ ledger: Ledger) { self.ledger = ledger }

    mutating func note() {
        pending += 1
        if pending == MappedPageBudget.mostStepsBetweenChecks { flush() }
    }

    /// Counts an entry of `bytes` read by a walk in key order: one step per page of entries
    /// read, as a walk reads each leaf whole before the next. Small entries (an effect, an
    /// index entry: 16–60 bytes) counted one step each read the resident size for every
    /// ~16 of them, a system call that cost a replay more than its B-tree walks.
    mutating func note(bytes: Int) {
        bytesSinceStep += bytes + MapStepBatch.entryOverhead
        if bytesSinceStep >= MapStepBatch.pageBytes {
            bytesSinceStep = 0
            note()
        }
    }

    /// Hands on what is counted (at the end of a walk).
    mutating func flush() {
        if pending > 0 { ledger.noteMapSteps(pending) }
        pending = 0
    }

    private static let pageBytes = 4096
    /// An LMDB node's header and its slot in the page.
    private static let entryOverhead = 10
}
