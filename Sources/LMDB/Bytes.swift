import CLMDB

// Keys and values cross the FFI boundary as MDB_val {size, pointer}. These helpers borrow the
// caller's storage instead of copying it: the event log appends millions of entries.

extension Collection<UInt8> {
    /// Runs `body` over the bytes in place when the collection is contiguous ([UInt8],
    /// ArraySlice, UnsafeRawBufferPointer, String.UTF8View, Data, …); otherwise copies once.
    @inline(__always)
    func withLMDBBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let result = try withContiguousStorageIfAvailable({ try body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return try Array(self).withUnsafeBytes(body)
    }
}

extension MDB_val {
    /// An MDB_val over caller-owned bytes. LMDB reads key/data inputs but never writes through
    /// them (mdb_put copies the data into the map), so dropping `const` here is sound.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.init(mv_size: bytes.count, mv_data: UnsafeMutableRawPointer(mutating: bytes.baseAddress))
    }

    /// The bytes LMDB handed back. mdb_get: "Values returned from the database are valid only
    /// until a subsequent update operation, or the end of the transaction."
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: mv_data, count: mv_size)
    }
}
