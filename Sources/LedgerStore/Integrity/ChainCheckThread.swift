/// Replay's checks (`Ledger.checkedChainFault`: the chain, the id index, each money effect
/// against its event's bytes) on a thread of its own, in its own read snapshot, while the
/// replaying thread folds the same events.
final class ChainCheckThread: @unchecked Sendable {
    private var thread: BackgroundThread?
    // Written by the thread before it ends; read after `join`. The outer nil: no snapshot.
    private var outcome: Result<(seq: UInt64, error: any Error)??, any Error> = .success(nil)

    /// Starts the check. Call it inside the write transaction whose snapshot it must see: the
    /// writer lock that transaction holds keeps any commit out until the check is over.
    init(ledger: Ledger) throws {
        thread = try BackgroundThread { [self] in
            outcome = Result {
                try ledger.readWithoutWaiting { txn in
                    try ledger.checkedChainFault(in: txn)
                }
            }
        }
    }

    /// Waits for the check: the first fault (`.some(nil)` when all hold), or nil when the
    /// thread could not have a snapshot at once (then check on the calling thread).
    func finish() throws -> (seq: UInt64, error: any Error)?? {
        thread?.join()
        thread = nil
        return try outcome.get()
    }
}
