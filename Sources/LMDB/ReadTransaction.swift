import CLMDB

/// A read-only snapshot (MDB_RDONLY transaction). It exists only inside
/// ``Environment/read(_:)``'s closure; being `~Copyable` and borrowed, it cannot escape it.
/// The reads are in ``ReadableTransaction``.
public struct ReadTransaction: ~Copyable, ReadableTransaction {
    private let txn: OpaquePointer

    /// mdb_txn_begin with MDB_RDONLY: "This transaction will not perform any write operations."
    /// May throw MDB_MAP_RESIZED, which ``Environment`` handles.
    init(_ env: OpaquePointer) throws {
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn), "mdb_txn_begin")
        self.txn = txn!
    }

    public var handle: TransactionHandle { TransactionHandle(txn) }

    /// Keeps database handles opened in this transaction (mdb_dbi_open: "The database handle will
    /// be private to the current transaction until the transaction is successfully committed").
    consuming func commit() throws {
        let txn = self.txn
        discard self
        // mdb_txn_commit: "The transaction handle is freed" — on failure too, so no abort follows.
        try check(mdb_txn_commit(txn), "mdb_txn_commit")
    }

    deinit {
        // A read-only transaction ends with mdb_txn_abort, which also releases its reader slot
        // ("Use mdb_txn_abort() … to free its lock table slot if MDB_NOTLS is in use").
        mdb_txn_abort(txn)
    }
}
