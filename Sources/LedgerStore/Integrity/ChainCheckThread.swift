/// Replay's chain check (`Ledger.scanChain`) on a thread of its own, in its own read snapshot,
/// while the replaying thread folds the same events.
final class ChainCheckThread: @unchecked Sendable {
    private var thread: BackgroundThread?
    // Written by the thread before it ends; read after `join`. The outer nil: no snapshot.
    private var outcome: Result<ChainBreak??, any Error> = .success(nil)

    /// Starts the check. Call it inside the write transaction whose snapshot it must see: the
    /// writer lock that transaction holds keeps any commit out until the check is over.
    init(ledger: Ledger) throws {
        thread = try BackgroundThread { [self] in
            outcome = Result {
                try ledger.readWithoutWaiting { txn in
                    try ledger.scanChain(in: txn) { _, _ in }
                }
            }
        }
    }

    /// Waits for the check: the first break (`.some(nil)` when the chain holds), or nil when
    /// the thread could not have a snapshot at once (then check on the calling thread).
    func finish() throws -> ChainBreak?? {
        thread?.join()
        thread = nil
        return try outcome.get()
    }
}
