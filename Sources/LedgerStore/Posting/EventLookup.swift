import LMDB
import LedgerDomain

/// Finds recorded events by id or seq within one transaction.
struct EventLookup {
    let reader: TransactionReader
    let databases: LedgerDatabases

    func seq(ofID id: String) throws -> UInt64? {
        try reader.withValue(databases.eventIDs, key: Array(id.utf8)) { ByteReader.seq($0) }
    }

    func storedEvent(seq: UInt64) throws -> StoredEvent? {
        try reader.withValue(databases.events, key: ByteWriter.key(seq: seq)) { try StoredEvent(storedValue: $0) }
    }

    func storedEvent(id: String) throws -> StoredEvent? {
        guard let seq = try seq(ofID: id) else { return nil }
        guard let stored = try storedEvent(seq: seq) else { throw StoreError.damaged("event \"\(id)\" is indexed at seq \(seq) but not stored") }
        return stored
    }

    func isReversed(seq: UInt64) throws -> Bool {
        try reader.withValue(databases.reversals, key: ByteWriter.key(seq: seq)) { _ in true } ?? false
    }

    /// An event as the posting rules see it: where it is and whether it was reversed.
    func recordedEvent(id: String) throws -> RecordedEvent? {
        guard let stored = try storedEvent(id: id) else { return nil }
        return RecordedEvent(seq: stored.envelope.seq, event: stored.event, isReversed: try isReversed(seq: stored.envelope.seq))
    }

    /// The event a reversal names, with its envelope, for the view folds.
    func target(id: String) throws -> (Event, Envelope)? {
        try storedEvent(id: id).map { ($0.event, $0.envelope) }
    }
}
