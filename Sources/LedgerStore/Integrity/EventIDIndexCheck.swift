import LMDB
import LedgerDomain

/// What the id index (`event_ids`, id → seq) must add up to, gathered from the events as a
/// walk meets them and from the index by one walk in key order: replay and verify compare the
/// two instead of searching the index once per event, whose reads land all over it (on a
/// 2,000,000-event ledger, a 190 MB index faulted in again after every hand-back of the map).
///
/// Each (id, seq) pair adds a SipHash value keyed afresh in each process (`Hasher`), so no
/// stored content can be made to cancel out a change: a missing, moved or added entry leaves
/// the count, the sum and the mix all as they were with a chance of about 2⁻⁶⁴. Only when the
/// prints differ is the index searched event by event, to name the fault
/// (`Ledger.idIndexFault`).
struct EventIDIndexPrint: Equatable {
    private var count: UInt64 = 0
    private var sum: UInt64 = 0
    private var mix: UInt64 = 0
    private var malformed = false

    mutating func add(id: UnsafeRawBufferPointer, seq: UInt64) {
        var hasher = Hasher()
        hasher.combine(bytes: id)
        hasher.combine(seq)
        let hash = UInt64(bitPattern: Int64(hasher.finalize()))
        count += 1
        sum &+= hash
        mix ^= hash &* 0x9E37_79B9_7F4A_7C15
    }

    mutating func add(id: String, seq: UInt64) {
        var id = id
        id.withUTF8 { add(id: UnsafeRawBufferPointer($0), seq: seq) }
    }

    /// An index entry that is not a seq: the prints can then never match.
    mutating func addMalformed() { malformed = true }

    /// Adds what another print gathered (of other events): the print of both.
    mutating func add(_ other: EventIDIndexPrint) {
        count += other.count
        sum &+= other.sum
        mix ^= other.mix
        malformed = malformed || other.malformed
    }
}

extension Ledger {
    /// The print of the id index's entries for events up to `lastSeq` (later ones are an
    /// unfinished import's, which no reader sees), in one walk in key order.
    func eventIDIndexPrint(through lastSeq: UInt64, in txn: borrowing some ReadableTransaction & ~Copyable) throws -> EventIDIndexPrint {
        var print = EventIDIndexPrint()
        var steps = MapStepBatch(self)
        defer { steps.flush() }
        try txn.forEach(databases.eventIDs) { key, value in
            guard value.count == 8 else {
                print.addMalformed()
                return true
            }
            let seq = ByteReader.seq(value)
            if seq <= lastSeq { print.add(id: key, seq: seq) }
            steps.note(bytes: key.count + value.count)
            return true
        }
        return print
    }

    /// The first fault of the id index among the events before `end`, searched event by event:
    /// an event not indexed under its id (nil: none; run when the chain broke at `end`, since an
    /// id fault before a break is the first fault). With `end` nil (run when the prints
    /// differ) every event is searched, and then every entry, for one that names an event by an
    /// id that is not its own.
    func idIndexFault(before end: UInt64?, in txn: borrowing some ReadableTransaction & ~Copyable) throws -> ChainBreak? {
        let tip = try self.tip(in: txn)
        let lookup = EventLookup(reader: TransactionReader(txn), databases: databases, visibleThrough: tip.seq)
        let last = min(tip.seq, (end ?? .max) &- 1)
        var found: ChainBreak?
        try txn.forEach(databases.events) { key, value in
            let seq = ByteReader.seq(key)
            guard seq <= last else { return false }
            guard let id = Self.eventID(in: value) else { return true }  // the chain names it
            if try lookup.seq(ofID: id) != seq {
                found = ChainBreak(seq: seq, description: "event seq \(seq) (id \"\(id)\") is not indexed under its id", isUnindexedEvent: true)
                return false
            }
            return true
        }
        if found != nil || end != nil { return found }
        try txn.forEach(databases.eventIDs) { key, value in
            let indexedID = String(decoding: key, as: UTF8.self)
            guard value.count == 8 else {
                found = ChainBreak(seq: tip.seq, description: "the id index holds a malformed entry for id \"\(indexedID)\"")
                return false
            }
            let seq = ByteReader.seq(value)
            guard seq <= tip.seq else { return true }
            let ownID = try lookup.reader.withValue(databases.events, key: ByteWriter.key(seq: seq)) { Self.eventID(in: $0) } ?? nil
            // Bytes, not `String` equality: two spellings of one character are two ids.
            if ownID.map({ Array($0.utf8) != Array(key) }) ?? true {
                found = ChainBreak(seq: seq, description: "event seq \(seq)\(ownID.map { " (id \"\($0)\")" } ?? "") is also indexed under the id \"\(indexedID)\"")
                return false
            }
            return true
        }
        // The prints differed, so something did: never pass it as whole.
        return found ?? ChainBreak(seq: tip.seq, description: "the id index does not list exactly the events' ids")
    }

    /// Runs `body`, the work a walk does for event `seq` once its own checks hold. When it
    /// throws, an id fault at or before `seq` is returned instead, as it came first when the
    /// index was searched per event, before that work; otherwise the error is thrown on.
    func idIndexFaultFirst(at seq: UInt64, in txn: borrowing some ReadableTransaction & ~Copyable,
                           _ body: () throws -> Void) throws -> ChainBreak? {
        do {
            try body()
            return nil
        } catch {
            if let idFault = try idIndexFault(before: seq + 1, in: txn) { return idFault }
            throw error
        }
    }

    /// The id of a stored event, read from its bytes (decoded when it holds an escape); nil
    /// when the bytes are not an event.
    static func eventID(in stored: UnsafeRawBufferPointer) -> String? {
        guard stored.count > StoredEvent.hashLength else { return nil }
        let canonical = UnsafeRawBufferPointer(rebasing: stored[StoredEvent.hashLength...])
        if let id = CanonicalMovementReader.id(in: canonical) {
            return String(decoding: UnsafeRawBufferPointer(rebasing: canonical[id]), as: UTF8.self)
        }
        return try? StoredEvent(storedValue: stored).event.id
    }
}
