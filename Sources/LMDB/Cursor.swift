import CLMDB

/// An MDB_cursor scoped to one call: opened and closed inside its transaction.
///
/// mdb_cursor_open: "A cursor in a write-transaction can be closed before its transaction ends
/// … A cursor in a read-only transaction must be closed explicitly". Closing in `deinit`, while
/// the transaction is still live, satisfies both.
struct Cursor: ~Copyable {
    typealias Entry = (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)

    private let cursor: OpaquePointer

    init(_ txn: OpaquePointer, _ db: Database) throws {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(txn, db.dbi, &cursor), "mdb_cursor_open")
        // mdb_cursor_open: "cursor Address where the new MDB_cursor handle will be stored".
        self.cursor = cursor!
    }

    deinit {
        mdb_cursor_close(cursor)
    }

    /// Moves the cursor (MDB_FIRST, MDB_LAST, MDB_NEXT, MDB_PREV); nil at either end.
    func move(_ op: MDB_cursor_op) throws -> Entry? {
        var key = MDB_val()
        var value = MDB_val()
        return try get(&key, &value, op)
    }

    /// MDB_SET_RANGE: "Position at first key greater than or equal to specified key."
    func seek(atLeast start: UnsafeRawBufferPointer) throws -> Entry? {
        var key = MDB_val(start)
        var value = MDB_val()
        return try get(&key, &value, MDB_SET_RANGE)
    }

    /// MDB_SET_KEY: "Position at specified key", returning its first value (of a DUPSORT
    /// database); nil when the key is absent.
    func seek(exactly key: UnsafeRawBufferPointer) throws -> Entry? {
        var key = MDB_val(key)
        var value = MDB_val()
        return try get(&key, &value, MDB_SET_KEY)
    }

    /// The returned buffers point into the map: mdb_cursor_get "See mdb_get() for restrictions
    /// on using the output values" — valid until the next update or the end of the transaction.
    private func get(_ key: inout MDB_val, _ value: inout MDB_val, _ op: MDB_cursor_op) throws -> Entry? {
        let rc = mdb_cursor_get(cursor, &key, &value, op)
        // "MDB_NOTFOUND - no matching key found."
        if rc == MDB_NOTFOUND { return nil }
        try check(rc, "mdb_cursor_get")
        return (key.bytes, value.bytes)
    }
}
