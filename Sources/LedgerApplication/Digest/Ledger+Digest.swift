import Crypto
import LedgerDomain
import LedgerStore

extension Ledger {
    /// The digest at `asOfSeq` (default: the last event): the SHA-256 of the canonical
    /// balances (SPEC 6.2) in that view and the chain hash of that event, both from one read
    /// snapshot, so that they describe the same events however many are posted meanwhile.
    ///
    /// ```swift
    /// let digest = try ledger.digest(asOfSeq: 1_200)
    /// print(digest.balancesSHA256, digest.chainHash)
    /// ```
    /// - Throws: `StoreError.beyondLastEvent` when `asOfSeq` is past the last event; `StoreError`.
    public func digest(asOfSeq: UInt64? = nil) throws -> BalancesDigest {
        try snapshot { try $0.digest(asOfSeq: asOfSeq) }
    }
}

extension LedgerSnapshot {
    /// ``LedgerStore/Ledger/digest(asOfSeq:)`` in this snapshot.
    public func digest(asOfSeq: UInt64? = nil) throws -> BalancesDigest {
        let lastSeq = try lastSeq()
        let seq = asOfSeq ?? lastSeq
        guard let chainHash = try chainHash(atSeq: seq) else {
            throw StoreError.beyondLastEvent(requested: seq, last: lastSeq)
        }
        // The whole log is read from the stored projections; a prefix is folded.
        let states = try allBudgetBalances(view: seq == lastSeq ? ViewFilter() : ViewFilter(asOfSeq: seq))
        let sha = SHA256.hash(data: BalanceReport.canonicalLines(states))
        return BalancesDigest(asOfSeq: seq, balancesSHA256: Hex.encode(Array(sha)), chainHash: Hex.encode(chainHash))
    }
}
