/// Steps through the map counted on one thread and handed to the ledger's shared budget
/// (`Ledger.noteMapSteps`) a few at a time. Replay walks the events on two threads at once;
/// each taking the budget's lock for every event made a 200,000-event replay ~1.3 × as long.
/// A batch is no longer than the budget's own longest run between checks, so checks come as
/// often as they would step by step.
struct MapStepBatch {
    private let ledger: Ledger
    private var pending = 0

    init(_ ledger: Ledger) { self.ledger = ledger }

    mutating func note() {
        pending += 1
        if pending == MappedPageBudget.mostStepsBetweenChecks { flush() }
    }

    /// Hands on what is counted (at the end of a walk).
    mutating func flush() {
        if pending > 0 { ledger.noteMapSteps(pending) }
        pending = 0
    }
}
