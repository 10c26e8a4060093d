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

extension ChainBreak {
    /// The break when the chain tip is not the last event walked (`lastSeq`, whose hash is
    /// `lastHash`); nil when it is.
    init?(tip: ChainTip, lastSeq: UInt64, lastHash: [UInt8]) {
        guard tip.seq != lastSeq || tip.hash != lastHash else { return nil }
        self.init(seq: tip.seq, description: "the chain tip (seq \(tip.seq)) does not match the last stored event (seq \(lastSeq))")
    }
}
