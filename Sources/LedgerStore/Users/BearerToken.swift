import Crypto

/// Bearer tokens: 256 bits from the system's secure random source, shown once, kept only as
/// their SHA-256 (a token of that strength needs no slow hash: it cannot be guessed).
public enum BearerToken {
    public static let randomBytes = 32

    /// A new token: 64 lower-case hex digits.
    public static func generate() -> String {
        // SystemRandomNumberGenerator reads getrandom(2) / arc4random: a cryptographic source.
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<randomBytes).map { _ in UInt8.random(in: 0...UInt8.max, using: &generator) }
        return Hex.encode(bytes)
    }

    /// What the ledger stores in place of the token.
    public static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// Compares in time that depends only on the lengths, so that a caller timing the
    /// answers learns nothing about how much of a hash matched.
    public static func constantTimeEquals(_ first: [UInt8], _ second: [UInt8]) -> Bool {
        guard first.count == second.count else { return false }
        var difference: UInt8 = 0
        for index in first.indices { difference |= first[index] ^ second[index] }
        return difference == 0
    }
}
