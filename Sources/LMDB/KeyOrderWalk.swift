import CLMDB

/// A forward walk over one database's entries in key order that the caller advances itself,
/// for reading a second database in step with a `forEach` over another keyed the same way:
/// each `next()` is one `MDB_NEXT` from where the walk stands, where a `get` per key would
/// search the B-tree from its root every time.
///
/// The buffers returned point into the map and are valid only until the next update in the
/// transaction or its end, and only while the walk's closure runs.
public struct KeyOrderWalk: ~Copyable {
    private let cursor: Cursor
    private var started = false

    init(_ cursor: consuming Cursor) {
        self.cursor = cursor
    }

    /// The next entry in key order (the first on the first call); nil past the last.
    public mutating func next() throws -> (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)? {
        defer { started = true }
        return try cursor.move(started ? MDB_NEXT : MDB_FIRST)
    }
}

extension ReadableTransaction where Self: ~Copyable {
    /// Runs `body` with a ``KeyOrderWalk`` over `db`, closed when `body` returns.
    public func withKeyOrderWalk<R>(_ db: Database, _ body: (inout KeyOrderWalk) throws -> R) throws -> R {
        var walk = KeyOrderWalk(try Cursor(handle.txn, db))
        return try body(&walk)
    }
}
