// Concrete overloads of the reads and writes for the two byte containers the ledger uses.
//
// The generic `some Collection<UInt8>` entry points are not specialised across the module
// boundary, so every call from the ledger paid for a generic `withContiguousStorageIfAvailable`
// (runtime metadata lookups, ~8% of a posting's instructions under callgrind). These overloads
// are picked by the compiler for `[UInt8]` and `UnsafeRawBufferPointer` arguments and reach
// the non-generic bodies directly.

extension WriteTransaction {
    public func put(_ db: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags = []) throws {
        try putBytes(db, key: key, value: value, flags: flags)
    }

    public func put(_ db: Database, key: [UInt8], value: [UInt8], flags: PutFlags = []) throws {
        try key.withUnsafeBytes { key in try value.withUnsafeBytes { try putBytes(db, key: key, value: $0, flags: flags) } }
    }

    public func insert(_ db: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws -> Bool {
        try insertBytes(db, key: key, value: value)
    }

    public func delete(_ db: Database, key: UnsafeRawBufferPointer) throws -> Bool {
        try deleteBytes(db, key: key)
    }
}

// The reads are also inlinable, with their result kept in the caller's code: generic over the
// result, they looked up its optional's type metadata at run time on every read (~300
// instructions of a balance read's 11,200).
extension ReadableTransaction where Self: ~Copyable {
    @inlinable
    public func withValue<R>(
        _ db: Database, key: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R? {
        var result: R?
        try visitValue(db, key: key) { result = try body($0) }
        return result
    }

    @inlinable
    public func withValue<R>(
        _ db: Database, key: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R? {
        try key.withUnsafeBytes { try withValue(db, key: $0, body) }
    }

    @inlinable
    public func get(_ db: Database, key: [UInt8]) throws -> [UInt8]? {
        try withValue(db, key: key) { Array($0) }
    }
}
