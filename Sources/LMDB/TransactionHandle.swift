/// The live MDB_txn behind a transaction; opaque outside this module.
///
/// It exists only so that ``ReadableTransaction`` can share one implementation of the reads.
/// Only the transactions this module creates hand one out, and it dies with its transaction:
/// do not keep it.
public struct TransactionHandle {
    let txn: OpaquePointer

    init(_ txn: OpaquePointer) {
        self.txn = txn
    }
}
