import CLMDB

/// The reads shared by ``ReadTransaction`` and ``WriteTransaction`` (implemented once, below).
///
/// Write helpers that work in either kind of transaction against it:
/// `func balance(_ txn: borrowing some ReadableTransaction & ~Copyable) throws -> Int`.
///
/// Bytes handed to closures point into the memory map and are valid only while the closure runs
/// (and, in a write transaction, only until the next put/delete); everything returned is a copy.
public protocol ReadableTransaction: ~Copyable {
    /// The underlying LMDB transaction; see ``TransactionHandle``.
    var handle: TransactionHandle { get }
}

extension ReadableTransaction where Self: ~Copyable {
    /// The id of the committed state this transaction sees (mdb_txn_id: "For a read-only
    /// transaction, this corresponds to the snapshot being read"): two read transactions with
    /// the same id see the same data.
    public var snapshotID: Int { Int(mdb_txn_id(handle.txn)) }

    /// The value stored under `key`, copied out of the map; nil when absent.
    public func get(_ db: Database, key: some Collection<UInt8>) throws -> [UInt8]? {
        try withValue(db, key: key) { Array($0) }
    }

    /// Runs `body` over the value stored under `key` without copying it; nil when absent.
    /// The buffer points into the map and must not be used after `body` returns.
    public func withValue<R>(
        _ db: Database, key: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R? {
        var result: R?
        try key.withLMDBBytes { key in try visitValue(db, key: key) { result = try body($0) } }
        return result
    }

    /// Runs `body` over the value stored under `key`, if there is one: the body of every
    /// `withValue`, over bytes in place. Generic over neither the key's type, which the callers
    /// in other modules (generic over the transaction) could not specialise — each read went
    /// through `withContiguousStorageIfAvailable` by witness table (16% of a replay) — nor the
    /// result, so that the inlinable overloads (`ConcreteOverloads`) keep it in the caller's code.
    @usableFromInline
    func visitValue(_ db: Database, key: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var key = MDB_val(key)
        var value = MDB_val()
        let rc = mdb_get(handle.txn, db.dbi, &key, &value)
        // mdb_get: "MDB_NOTFOUND - the key was not in the database."
        if rc == MDB_NOTFOUND { return }
        try check(rc, "mdb_get")
        // "Values returned from the database are valid only until a subsequent update
        // operation, or the end of the transaction" — body runs before either.
        try body(value.bytes)
    }

    /// Visits entries in key order (or reverse order) until `body` returns false.
    /// The buffers are valid only during each call of `body`.
    public func forEach(
        _ db: Database, reverse: Bool = false,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try scan(db, from: nil, reverse: reverse, body)
    }

    /// Visits entries from `startKey` on until `body` returns false. Forwards, the scan starts
    /// at the first key ≥ `startKey`; in reverse, at the last key ≤ `startKey`.
    /// The buffers are valid only during each call of `body`.
    public func forEach(
        _ db: Database, from startKey: some Collection<UInt8>, reverse: Bool = false,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try startKey.withLMDBBytes { try scan(db, from: $0, reverse: reverse, body) }
    }

    /// Visits the values stored under `key` in a database of sorted duplicates
    /// (`Environment.openFixedSizeDuplicatesDatabase`), in order, until `body` returns false.
    /// The buffers are valid only during each call of `body`.
    public func forEachValue(
        _ db: Database, key: some Collection<UInt8>, _ body: (_ value: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try key.withLMDBBytes { key in
            let cursor = try Cursor(handle.txn, db)
            var entry = try cursor.seek(exactly: key)
            // MDB_NEXT_DUP: "Position at next data item of current key."
            while let current = entry, try body(current.value) {
                entry = try cursor.move(MDB_NEXT_DUP)
            }
        }
    }

    /// The first entry in key order, copied; nil when the database is empty.
    public func first(_ db: Database) throws -> (key: [UInt8], value: [UInt8])? {
        try Cursor(handle.txn, db).move(MDB_FIRST).map { (Array($0.key), Array($0.value)) }
    }

    /// The last entry in key order, copied; nil when the database is empty.
    public func last(_ db: Database) throws -> (key: [UInt8], value: [UInt8])? {
        try Cursor(handle.txn, db).move(MDB_LAST).map { (Array($0.key), Array($0.value)) }
    }

    /// Number of entries, from the B-tree header (constant time).
    public func count(_ db: Database) throws -> Int {
        try statistics(db).entries
    }

    /// B-tree statistics for `db` as seen by this transaction.
    public func statistics(_ db: Database) throws -> DatabaseStatistics {
        var stat = MDB_stat()
        try check(mdb_stat(handle.txn, db.dbi, &stat), "mdb_stat")
        return DatabaseStatistics(stat)
    }

    private func scan(
        _ db: Database, from start: UnsafeRawBufferPointer?, reverse: Bool,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        let cursor = try Cursor(handle.txn, db)
        var entry: Cursor.Entry?
        if let start, start.isEmpty {
            // LMDB keys are never empty, so every key is > the empty key (and MDB_SET_RANGE
            // would reject it with MDB_BAD_VALSIZE).
            entry = reverse ? nil : try cursor.move(MDB_FIRST)
        } else if let start {
            entry = try cursor.seek(atLeast: start)
            if reverse {
                if let found = entry {
                    // SET_RANGE landed past the start key: step back to the last key ≤ start.
                    if !found.key.elementsEqual(start) { entry = try cursor.move(MDB_PREV) }
                } else {
                    entry = try cursor.move(MDB_LAST)  // every key is < start
                }
            }
        } else {
            entry = try cursor.move(reverse ? MDB_LAST : MDB_FIRST)
        }
        let step = reverse ? MDB_PREV : MDB_NEXT
        while let current = entry, try body(current.key, current.value) {
            entry = try cursor.move(step)
        }
    }

    /// mdb_dbi_open in this transaction. The caller commits, and serialises calls: "A transaction
    /// that uses this function must finish (either commit or abort) before any other transaction
    /// in the process may use this function."
    func openDatabase(_ name: String, flags: UInt32) throws -> Database {
        var dbi = MDB_dbi()
        try check(mdb_dbi_open(handle.txn, name, flags, &dbi), "mdb_dbi_open")
        return Database(dbi: dbi, name: name)
    }
}
