import Crypto

/// SPEC 5: hash = SHA-256(previous hash ‖ canonical bytes).
enum ChainHasher {
    static func hash(previous: [UInt8], canonicalBytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: canonicalBytes)
        return Array(hasher.finalize())
    }
}
