import LMDB
import LedgerDomain

extension Ledger {
    /// The chain check `replay` runs before rebuilding anything, at the speed of hashing: per
    /// event, its key is the next seq, SHA-256 of the previous hash and its stored bytes is its
    /// stored hash, the seq its bytes end with is its key; its id (read from the bytes, not
    /// decoded) is indexed under that seq (`EventIDIndexPrint`); at the end the chain tip is the
    /// last event's. A chain that holds makes every canonical byte what was posted, so the full
    /// decode and per-budget version check of `verify` (`VerifyPass`) are not needed to trust
    /// the events. Returns the first break; nil when the chain holds.
    ///
    /// `eachEvent` is handed each event that passed, with its seq and stored value (hash, then
    /// canonical bytes), as the scan meets it: replay folds in the same pass, so that each event
    /// is read once. What it folded counts only if the whole scan returns nil.
    func scanChain(in txn: borrowing some ReadableTransaction & ~Copyable,
                   eachEvent: (_ seq: UInt64, _ stored: UnsafeRawBufferPointer) throws -> Void) throws -> ChainBreak? {
        var previous = ChainTip.genesisHash
        var expectedSeq: UInt64 = 1
        var found: ChainBreak?
        var idPrint = EventIDIndexPrint()
        var steps = MapStepBatch(self)
        defer { steps.flush() }
        let tip = try self.tip(in: txn)
        try txn.forEach(databases.events) { key, value in
            let seq = ByteReader.seq(key)
            // Past the tip: an unfinished import's commits, not part of the chain yet.
            guard seq <= tip.seq else { return false }
            func fault(_ problem: String) -> Bool {
                found = ChainBreak(seq: seq, description: "event seq \(seq)\(Self.idText(value)) \(problem)")
                return false
            }
            guard seq == expectedSeq else { return fault("is stored at seq \(seq) but seq \(expectedSeq) was expected") }
            guard value.count > StoredEvent.hashLength else { return fault("is too short to be a stored event") }
            guard ChainHasher.follows(&previous, storedValue: value) else { return fault("stored bytes do not match its hash") }
            let canonical = UnsafeRawBufferPointer(rebasing: value[StoredEvent.hashLength...])
            guard CanonicalEnvelope.seq(in: canonical) == seq else { return fault("is stored at seq \(seq) but its bytes do not say so") }
            if let id = CanonicalMovementReader.id(in: canonical) {
                idPrint.add(id: UnsafeRawBufferPointer(rebasing: canonical[id]), seq: seq)
            } else {
                // An id with an escaped character: decoded, as `verify` does.
                idPrint.add(id: try StoredEvent(storedValue: value).event.id, seq: seq)
            }
            if let idFault = try idIndexFaultFirst(at: seq, in: txn, { try eachEvent(seq, value) }) {
                found = idFault
                return false
            }
            steps.note()
            expectedSeq += 1
            return true
        }
        return try idIndexChecked(found: found, idPrint: idPrint, tip: tip, in: txn)
            ?? ChainBreak(tip: tip, lastSeq: expectedSeq - 1, lastHash: previous)
    }

    /// The first fault of a walk that met `found` (nil: none) and gathered `idPrint`: an id
    /// index fault before it comes first, and when the walk held, one anywhere (nil: none).
    func idIndexChecked(found: ChainBreak?, idPrint: EventIDIndexPrint, tip: ChainTip,
                        in txn: borrowing some ReadableTransaction & ~Copyable) throws -> ChainBreak? {
        if let found { return try idIndexFault(before: found.seq, in: txn) ?? found }
        guard try eventIDIndexPrint(through: tip.seq, in: txn) != idPrint else { return nil }
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
