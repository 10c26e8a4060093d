/// A balance sheet's fingerprint: what an independent replay, in any language, can confirm.
/// Computed by the `digest(asOfSeq:)` use case (module LedgerApplication) from one snapshot.
public struct BalancesDigest: Equatable, Sendable {
    /// The view: every event up to and including this seq.
    public let asOfSeq: UInt64
    /// SHA-256 (hex) of `balances --json --as-of-seq N`, byte for byte.
    public let balancesSHA256: String
    /// The chain hash of event N (64 zeros before the first event).
    public let chainHash: String

    public init(asOfSeq: UInt64, balancesSHA256: String, chainHash: String) {
        self.asOfSeq = asOfSeq
        self.balancesSHA256 = balancesSHA256
        self.chainHash = chainHash
    }
}
