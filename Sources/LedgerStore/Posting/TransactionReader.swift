import LMDB

/// A copyable view of the reads of the transaction a closure is running in, so that a
/// `LedgerLookup` can answer from it. It must not outlive that closure: it is created inside
/// `Ledger.read`/`write` bodies only and never stored beyond them.
struct TransactionReader: ReadableTransaction {
    let handle: TransactionHandle

    init(_ txn: borrowing some ReadableTransaction & ~Copyable) { handle = txn.handle }
}
