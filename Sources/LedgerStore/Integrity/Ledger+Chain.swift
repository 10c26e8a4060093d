import LMDB
import LedgerDomain

/// The first place where the stored chain does not hold: an event that does not match its
/// hash, its place, its budget's version or the id index, or a chain tip that does not match the
/// last event.
struct ChainBreak: Equatable {
    /// The event at fault; for a chain tip that does not match, the tip's seq.
    let seq: UInt64
    /// What `verify` prints for it.
    let description: String
    /// An event not indexed under its id, found after the walk (`Ledger.idIndexFault`), which
    /// went on past it: the events before `seq` are the ones that held.
    var isUnindexedEvent = false
}

extension Ledger {
    /// Walks the events in seq order, recomputing the hash chain (SPEC 5), and hands each
    /// intact event to `visit` until the first break, which it returns (nil: the chain holds
    /// from the first event to the chain tip). Shared by `verify` and `replay`, which must not
    /// rebuild projections from a chain that does not hold.
    func checkChain(in txn: borrowing some ReadableTransaction & ~Copyable,
                    visit: (StoredEvent) throws -> Void) throws -> ChainBreak? {
        var previousHash = ChainTip.genesisHash
        var expectedSeq: UInt64 = 1
        var versions: [String: UInt64] = [:]
        var found: ChainBreak?
        var idPrint = EventIDIndexPrint()  // the id index is checked against it at the end
        let tip = try self.tip(in: txn)
        try txn.forEach(databases.events) { key, value in
            let seq = ByteReader.seq(key)
            // Past the tip: an unfinished import's commits, not part of the chain yet.
            guard seq <= tip.seq else { return false }
            let stored: StoredEvent
            do {
                stored = try StoredEvent(storedValue: value)
            } catch {
                found = ChainBreak(seq: seq, description: "event seq \(seq): \(error)")
                return false
            }
            let recomputed = ChainHasher.hash(previous: previousHash, canonicalBytes: stored.canonicalBytes)
            let version = versions[stored.event.budget, default: 0] + 1
            if let problem = seq != expectedSeq ? "is stored at seq \(seq) but seq \(expectedSeq) was expected"
                : stored.envelope.seq != seq ? "is stored at seq \(seq) but its bytes say seq \(stored.envelope.seq)"
                : recomputed != stored.hash ? "stored bytes do not match its hash"
                : stored.envelope.version != version ? "has version \(stored.envelope.version) but is event \(version) of budget \(stored.event.budget)"
                : nil {
                found = ChainBreak(seq: seq, description: "event seq \(seq) (id \"\(stored.event.id)\") \(problem)")
                return false
            }
            idPrint.add(id: stored.event.id, seq: seq)
            if let idFault = try idIndexFaultFirst(at: seq, in: txn, { try visit(stored) }) {
                found = idFault
                return false
            }
            noteMapStep()
            versions[stored.event.budget] = version
            previousHash = stored.hash
            expectedSeq += 1
            return true
        }
        return try idIndexChecked(found: found, idPrint: idPrint, tip: tip, in: txn)
            ?? ChainBreak(tip: tip, lastSeq: expectedSeq - 1, lastHash: previousHash)
    }
}

extension ChainBreak {
    /// The break when the chain tip is not the last event walked (`lastSeq`, whose hash is
    /// `lastHash`); nil when it is.
    init?(tip: ChainTip, lastSeq: UInt64, lastHash: [UInt8]) {
        guard tip.seq != lastSeq || tip.hash != lastHash else { return nil }
        self.init(seq: tip.seq, description: "the chain tip (seq \(tip.seq)) does not match the last stored event (seq \(lastSeq))")
    }
}
