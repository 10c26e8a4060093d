import LMDB
import LedgerDomain

extension Ledger {
    /// The checks `replay` runs before rebuilding anything, at the speed of hashing, over the
    /// events of `share.checked`, folding each into `share` as it goes and the other events'
    /// stored effects before and after them. Per event: its key is the next seq, SHA-256 of the
    /// previous hash and its stored bytes is its stored hash, the seq its bytes end with is its
    /// key; its id (read from the bytes, not decoded) is indexed under that seq
    /// (`EventIDIndexPrint`); its stored money effect is the one its bytes give. A chain that
    /// holds makes every canonical byte what was posted, so the full decode and per-budget
    /// version check of `verify` (`VerifyPass`) are not needed to trust the events.
    ///
    /// The first check fault is left in `share.checkFault`, found as one walk from seq 1 would
    /// meet it when the lower shares held: a share starts from the stored hash of the event
    /// before its range (whose check is the lower share's), and checks that the key after its
    /// range is the next seq. What it folded counts only if every share's checks hold.
    func walkReplayShare(_ share: inout ReplayShare, tip: ChainTip, in txn: borrowing some ReadableTransaction & ~Copyable,
                         progress: ((UInt64) -> Void)?) throws {
        let lookup = EventLookup(reader: TransactionReader(txn), databases: databases, visibleThrough: tip.seq)
        var steps = MapStepBatch(self)
        defer { steps.flush() }
        var derived: [UInt8] = []
        var prefetcher = PagePrefetcher()
        func reached(_ seq: UInt64, bytes: Int) {
            steps.note(bytes: bytes)
            if let progress, seq % UInt64(Ledger.progressInterval) == 0 { progress(seq) }
        }
        try txn.withKeyOrderWalk(databases.effects) { effectWalk in
            var effects = EffectWalkPosition()
            // The effects before the range: folded only (the lower share checks them).
            while let entry = try effects.next(in: &effectWalk) {
                guard entry.seq < share.checked.lowerBound else {
                    effects.keep(entry)
                    break
                }
                guard entry.seq > 0 else { continue }  // no event has seq 0: `verify` names such an effect
                share.fold(entry.seq, effect: entry.value, stored: nil, lookup: lookup)
                reached(entry.seq, bytes: 8 + entry.value.count)
            }
            // The lowest share walks from the first key, so that one stored below seq 1 is named.
            let start = share.checked.lowerBound == 1 ? [] : ByteWriter.key(seq: share.checked.lowerBound)
            try txn.forEach(databases.events, from: start) { key, value in
                let seq = ByteReader.seq(key)
                // Past the tip: an unfinished import's commits, not part of the chain yet.
                guard seq <= tip.seq else { return false }
                func fault(_ problem: String) -> Bool {
                    share.checkFault = ChainBreak(seq: seq, description: "event seq \(seq)\(Self.idText(value)) \(problem)")
                    return false
                }
                guard seq == share.nextSeq else { return fault("is stored at seq \(seq) but seq \(share.nextSeq) was expected") }
                guard seq <= share.checked.upperBound else { return false }  // the next share's
                guard value.count > StoredEvent.hashLength else { return fault("is too short to be a stored event") }
                prefetcher.enter(value)
                guard ChainHasher.follows(&share.lastHash, storedValue: value) else { return fault("stored bytes do not match its hash") }
                let canonical = UnsafeRawBufferPointer(rebasing: value[StoredEvent.hashLength...])
                guard CanonicalEnvelope.seq(in: canonical) == seq else { return fault("is stored at seq \(seq) but its bytes do not say so") }
                if let id = CanonicalMovementReader.id(in: canonical) {
                    share.idPrint.add(id: UnsafeRawBufferPointer(rebasing: canonical[id]), seq: seq)
                } else {
                    // An id with an escaped character: decoded, as `verify` does.
                    share.idPrint.add(id: try StoredEvent(storedValue: value).event.id, seq: seq)
                }
                do {
                    let idFault = try idIndexFaultFirst(at: seq, in: txn) {
                        MoneyEffect.encode(canonical: canonical, into: &derived)
                        guard let effect = try effects.effect(of: seq, in: &effectWalk) else { throw Self.noStoredEffect(seq) }
                        guard effect.hasSameBytes(as: derived) else {
                            throw StoreError.damagedEvent(seq: seq, detail: "event seq \(seq) has a stored money effect that differs from its canonical bytes")
                        }
                        share.fold(seq, effect: effect, stored: value, lookup: lookup)
                    }
                    if let idFault {
                        share.checkFault = idFault
                        return false
                    }
                } catch StoreError.damagedEvent(let faultSeq, let detail) {
                    share.checkFault = ChainBreak(seq: faultSeq, description: detail)
                    return false
                }
                reached(seq, bytes: 8 + value.count)
                share.nextSeq += 1
                return true
            }
            // After a fault, or where the events ran out inside the range (the tip is past the last
            // one; `replayFault` names it), nothing folded past counts.
            guard share.checkFault == nil, share.nextSeq > share.checked.upperBound else { return }
            // The effects after the range: folded only (the next share checks them).
            while let entry = try effects.next(in: &effectWalk), entry.seq <= tip.seq {
                share.fold(entry.seq, effect: entry.value, stored: nil, lookup: lookup)
                reached(entry.seq, bytes: 8 + entry.value.count)
            }
        }
    }

    static func noStoredEffect(_ seq: UInt64) -> StoreError {
        .damagedEvent(seq: seq, detail: "event seq \(seq) has no stored money effect")
    }

    /// The first fault of a walk that met `found` (nil: none) and gathered `idPrint`: an id
    /// index fault before it comes first, and when the walk held, one anywhere (nil: none).
    /// `indexPrint` is the index's own print when a walk made it already.
    func idIndexChecked(found: ChainBreak?, idPrint: EventIDIndexPrint, indexPrint: EventIDIndexPrint? = nil, tip: ChainTip,
                        in txn: borrowing some ReadableTransaction & ~Copyable) throws -> ChainBreak? {
        if let found { return try idIndexFault(before: found.seq, in: txn) ?? found }
        guard try indexPrint ?? eventIDIndexPrint(through: tip.seq, in: txn) != idPrint else { return nil }
        return try idIndexFault(before: nil, in: txn)
    }

    /// ` (id "…")` as `verify` names an event, when its id can be read from the bytes.
    private static func idText(_ value: UnsafeRawBufferPointer) -> String {
        guard value.count > StoredEvent.hashLength else { return "" }
        let canonical = UnsafeRawBufferPointer(rebasing: value[StoredEvent.hashLength...])
        return idText(CanonicalMovementReader.id(in: canonical).map { String(decoding: UnsafeRawBufferPointer(rebasing: canonical[$0]), as: UTF8.self) })
    }

    /// ` (id "…")` after an event's seq in a fault's description; nothing when the id is unknown.
    static func idText(_ id: String?) -> String { id.map { " (id \"\($0)\")" } ?? "" }
}

/// The end of canonical bytes, `,"seq":N,"version":V,"recorded_at":"…"}`, read without a decode.
enum CanonicalEnvelope {
    private static let recordedAtTail = #","recorded_at":"2026-03-31T09:15:02.481Z"}"#.utf8.count
    private static let versionKey = Array(#","version":"#.utf8)
    private static let seqKey = Array(#","seq":"#.utf8)

    /// The `seq` the bytes end with; nil when they do not end as the encoder writes them.
    static func seq(in bytes: UnsafeRawBufferPointer) -> UInt64? {
        var end = bytes.count - recordedAtTail
        guard end > 0, skipNumber(bytes, before: &end, key: versionKey) != nil else { return nil }
        return skipNumber(bytes, before: &end, key: seqKey)
    }

    /// The plain decimal number ending at `end` after `key`; `end` moves before the key.
    private static func skipNumber(_ bytes: UnsafeRawBufferPointer, before end: inout Int, key: [UInt8]) -> UInt64? {
        var start = end
        var value: UInt64 = 0
        var scale: UInt64 = 1
        while start > 0, bytes[start - 1] >= UInt8(ascii: "0"), bytes[start - 1] <= UInt8(ascii: "9"), end - start < 19 {
            value += UInt64(bytes[start - 1] - UInt8(ascii: "0")) * scale
            scale *= 10
            start -= 1
        }
        guard start < end, start >= key.count, UnsafeRawBufferPointer(rebasing: bytes[(start - key.count)..<start]).hasSameBytes(as: key) else {
            return nil
        }
        end = start - key.count
        return value
    }
}
