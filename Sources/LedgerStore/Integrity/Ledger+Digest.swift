import Crypto
import LMDB
import LedgerDomain
#if canImport(Glibc)
import Glibc
#endif

/// A balance sheet's fingerprint: what an independent replay, in any language, can confirm.
public struct BalancesDigest: Equatable, Sendable {
    /// The view: every event up to and including this seq.
    public let asOfSeq: UInt64
    /// SHA-256 (hex) of `balances --json --as-of-seq N`, byte for byte.
    public let balancesSHA256: String
    /// The chain hash of event N (64 zeros before the first event).
    public let chainHash: String
}

extension Ledger {
    /// The digest at `asOfSeq` (default: the last event). - Throws: `StoreError.beyondLastEvent` when
    /// `asOfSeq` is beyond the last event.
    public func digest(asOfSeq: UInt64? = nil) throws -> BalancesDigest {
        let tipSeq = try eventCount()
        let seq = asOfSeq ?? tipSeq
        guard seq <= tipSeq else { throw StoreError.beyondLastEvent(requested: seq, last: tipSeq) }
        let states = try budgetStates(view: seq == tipSeq ? ViewFilter() : ViewFilter(asOfSeq: seq))
        let chainHash = try read { txn -> [UInt8] in
            guard seq > 0 else { return ChainTip.genesisHash }
            return try EventLookup(reader: TransactionReader(txn), databases: databases).storedEvent(seq: seq)?.hash
                ?? { throw StoreError.damaged("event seq \(seq) is missing") }()
        }
        let sha = SHA256.hash(data: BalanceReport.canonicalLines(states))
        return BalancesDigest(asOfSeq: seq, balancesSHA256: Hex.encode(sha), chainHash: Hex.encode(chainHash))
    }

    /// A consistent, compacted copy of the ledger taken while it stays in use (LMDB copies from
    /// one read snapshot) into `directory`, which must not hold a ledger yet. The copy is a
    /// ledger in its own right: it opens, verifies and reports the same digest.
    public func backup(to directory: String) throws {
        do {
            try environment.copy(to: directory, compacting: true)
        } catch let error as LMDBError where error.code == EEXIST {
            throw StoreError.alreadyExists(directory)
        } catch let error as LMDBError {
            throw StoreError.wrap(error)
        }
    }
}
