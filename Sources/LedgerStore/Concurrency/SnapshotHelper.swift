import LMDB

/// Work done on a second thread, in a read snapshot of its own, while the calling thread
/// (inside a transaction) does its share of a whole-ledger walk: the views' fold, replay's
/// checks, verify's second walk.
final class SnapshotHelper<Value>: @unchecked Sendable {
    private var thread: BackgroundThread?
    // Written by the thread before it ends; read after `join`. Nil: no snapshot could be had.
    private var outcome: Result<Value?, any Error> = .success(nil)

    /// Starts `work` in a snapshot from `Ledger.readWithoutWaiting`.
    init(ledger: Ledger, _ work: @escaping @Sendable (borrowing ReadTransaction) throws -> Value) throws {
        thread = try BackgroundThread { [self] in
            outcome = Result { try ledger.readWithoutWaiting(work) }
        }
    }

    /// Waits for the work: its value, or nil when the thread could not have a snapshot at once
    /// (then the caller does the work itself).
    func finish() throws -> Value? {
        thread?.join()
        thread = nil
        return try outcome.get()
    }
}
