import Crypto

/// SPEC 5: hash = SHA-256(previous hash ‖ canonical bytes).
enum ChainHasher {
    static func hash(previous: [UInt8], canonicalBytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: canonicalBytes)
        return Array(hasher.finalize())
    }

    /// Whether a stored value (hash, then canonical bytes) follows `previous` in the chain: its
    /// hash is SHA-256 of `previous` and its canonical bytes. If so, `previous` becomes it.
    /// Read in place from the map, so nothing is allocated.
    static func follows(_ previous: inout [UInt8], storedValue value: UnsafeRawBufferPointer) -> Bool {
        let length = StoredEvent.hashLength
        guard value.count > length else { return false }
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: value[length...]))
        return hasher.finalize().withUnsafeBytes { digest in
            guard digest.hasSameBytes(as: UnsafeRawBufferPointer(rebasing: value[..<length])) else { return false }
            previous.withUnsafeMutableBytes { $0.copyMemory(from: digest) }
            return true
        }
    }

    /// Chains a stored record in place: `record` holds a placeholder for the hash, then the
    /// canonical bytes. The hash over `previous` and those bytes is written into the placeholder
    /// and becomes `previous`. Posting calls this for every event, so nothing is allocated.
    static func chain(_ previous: inout [UInt8], record: inout [UInt8]) {
        let length = StoredEvent.hashLength
        precondition(previous.count == length && record.count > length, "a record is a hash placeholder then canonical bytes")
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        record.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[length...])) }
        hasher.finalize().withUnsafeBytes { digest in
            previous.withUnsafeMutableBytes { $0.copyMemory(from: digest) }
            record.withUnsafeMutableBytes { UnsafeMutableRawBufferPointer(rebasing: $0[..<length]).copyMemory(from: digest) }
        }
    }
}
