import CLMDB

/// The write transaction of ``Environment/write(_:)``. It exists only inside that closure;
/// being `~Copyable` and borrowed, it cannot escape it. It is committed when the closure
/// returns and aborted otherwise. The reads are in ``ReadableTransaction``; they see this
/// transaction's own writes.
public struct WriteTransaction: ~Copyable, ReadableTransaction {
    private let txn: OpaquePointer
    /// Where to record the first MDB_MAP_FULL, so `write` grows the map and retries even if the
    /// body swallowed or wrapped the error (LMDB refuses to commit after a failed put anyway).
    private let mapFull: UnsafeMutablePointer<LMDBError?>

    /// mdb_txn_begin may block until other writers (in any process) finish, and may throw
    /// MDB_MAP_RESIZED, which ``Environment`` handles.
    init(_ env: OpaquePointer, mapFull: UnsafeMutablePointer<LMDBError?>) throws {
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
        self.txn = txn!
        self.mapFull = mapFull
    }

    public var handle: TransactionHandle { TransactionHandle(txn) }

    /// Stores `value` under `key`, replacing any existing value unless `flags` say otherwise.
    /// Throws an error with `isKeyExists` for `.noOverwrite` on an existing key, or for
    /// `.append` with a key that does not sort after every existing key.
    public func put(
        _ db: Database, key: some Collection<UInt8>, value: some Collection<UInt8>, flags: PutFlags = []
    ) throws {
        try key.withLMDBBytes { key in try value.withLMDBBytes { try putBytes(db, key: key, value: $0, flags: flags) } }
    }

    /// Stores `value` under `key` only if the key is absent (MDB_NOOVERWRITE).
    /// Returns false, writing nothing, when the key already exists.
    public func insert(_ db: Database, key: some Collection<UInt8>, value: some Collection<UInt8>) throws -> Bool {
        try key.withLMDBBytes { key in try value.withLMDBBytes { try insertBytes(db, key: key, value: $0) } }
    }

    /// Stores `value` under `key` if the key is absent (MDB_NOOVERWRITE) and returns nil; when it
    /// is present, writes nothing and returns what `existing` makes of the value stored there
    /// (valid only inside `existing`). One descent of the tree for a lookup and an insert:
    /// mdb_put with MDB_NOOVERWRITE "will return MDB_KEYEXIST if the key already appears in the
    /// database … The data parameter will be set to point to the existing item."
    public func insertOrRead<R>(_ db: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer,
                                existing: (UnsafeRawBufferPointer) throws -> R) throws -> R? {
        var key = MDB_val(key)
        var data = MDB_val(value)
        let rc = mdb_put(txn, db.dbi, &key, &data, PutFlags.noOverwrite.rawValue)
        if rc == MDB_KEYEXIST { return try existing(data.bytes) }
        try record(rc, "mdb_put")
        return nil
    }

    /// Removes `key`; returns false when it was not there.
    public func delete(_ db: Database, key: some Collection<UInt8>) throws -> Bool {
        try key.withLMDBBytes { try deleteBytes(db, key: $0) }
    }

    /// Removes one value stored under `key` in a database of sorted duplicates; returns false
    /// when that pair was not there.
    public func delete(_ db: Database, key: some Collection<UInt8>, value: some Collection<UInt8>) throws -> Bool {
        try key.withLMDBBytes { key in
            try value.withLMDBBytes { value in
                var key = MDB_val(key)
                var value = MDB_val(value)
                // mdb_del: "If the database supports sorted duplicates and the data parameter is
                // NULL, all of the duplicate data items for the key will be deleted. Otherwise, if
                // the data parameter is non-NULL only the matching data item will be deleted."
                let rc = mdb_del(txn, db.dbi, &key, &value)
                if rc == MDB_NOTFOUND { return false }
                try record(rc, "mdb_del")
                return true
            }
        }
    }

    /// Deletes `db` itself and everything in it (mdb_drop with del = 1: "1 to delete it from the
    /// environment and close the DB handle"). The handle is unusable afterwards.
    public func deleteDatabase(_ db: Database) throws {
        try record(mdb_drop(txn, db.dbi, 1), "mdb_drop")
    }

    // The bodies, over bytes in place and not generic, so that no caller reaches LMDB through a
    // generic collection (see `visitValue`).

    func putBytes(_ db: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags) throws {
        try record(rawPut(db, key: key, value: value, flags: flags), "mdb_put")
    }

    func insertBytes(_ db: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws -> Bool {
        let rc = rawPut(db, key: key, value: value, flags: .noOverwrite)
        if rc == MDB_KEYEXIST { return false }
        try record(rc, "mdb_put")
        return true
    }

    func deleteBytes(_ db: Database, key: UnsafeRawBufferPointer) throws -> Bool {
        var key = MDB_val(key)
        // mdb_del: "If the database does not support sorted duplicate data items
        // (MDB_DUPSORT) the data parameter is ignored."
        let rc = mdb_del(txn, db.dbi, &key, nil)
        // "This function will return MDB_NOTFOUND if the specified key/data pair is not in the database."
        if rc == MDB_NOTFOUND { return false }
        try record(rc, "mdb_del")
        return true
    }

    /// Removes every entry of `db`, keeping the database (mdb_drop with del = 0: "0 to empty
    /// the DB"). For rebuilding projections.
    public func dropAll(_ db: Database) throws {
        try record(mdb_drop(txn, db.dbi, 0), "mdb_drop")
    }

    /// Consumes the transaction; it is gone whether or not this throws.
    consuming func commit() throws {
        let txn = self.txn
        let mapFull = self.mapFull
        discard self
        // mdb_txn_commit: "The transaction handle is freed. It and its cursors must not be used
        // again after this call" — on failure too (LMDB aborts internally), so no abort follows.
        try checkRecordingMapFull(mdb_txn_commit(txn), "mdb_txn_commit", mapFull)
    }

    deinit {
        // Not committed: "Abandon all the operations of the transaction instead of saving them."
        mdb_txn_abort(txn)
    }

    private func rawPut(_ db: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags) -> Int32 {
        var key = MDB_val(key)
        var value = MDB_val(value)
        // mdb_put copies key and data into the map; our buffers need not outlive the call.
        return mdb_put(txn, db.dbi, &key, &value, flags.rawValue)
    }

    private func record(_ rc: Int32, _ operation: String) throws {
        try checkRecordingMapFull(rc, operation, mapFull)
    }
}

/// `check`, remembering the first MDB_MAP_FULL of the transaction. Any page-touching call can
/// hit it: copy-on-write means even mdb_del and mdb_drop allocate pages.
private func checkRecordingMapFull(_ rc: Int32, _ operation: String, _ mapFull: UnsafeMutablePointer<LMDBError?>) throws {
    do {
        try check(rc, operation)
    } catch let error as LMDBError where error.isMapFull {
        if mapFull.pointee == nil { mapFull.pointee = error }
        throw error
    }
}
