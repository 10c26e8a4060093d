import LMDB
import LedgerDomain

/// What `upgrade` did.
public struct UpgradeReport: Equatable, Sendable {
    /// The format the ledger was in.
    public let fromFormat: UInt32
    public let toFormat: UInt32
    public let events: UInt64
    public let budgets: Int

    public var changedAnything: Bool { fromFormat != toFormat }
}

extension Ledger {
    /// Rewrites a ledger of an older format in the current one, in place: its events (canonical
    /// bytes, hashes, id index) stay as they are, its budget index moves to `budget_seqs`, and
    /// its projections are rebuilt from them in the current layout, with each event's money effect (`MoneyEffect`) derived from its canonical
    /// bytes. One write transaction does it all and records the new format last, so a
    /// crash at any instant leaves the old ledger (which upgrades again) or the new one whole.
    /// A ledger in the current format is left untouched.
    public static func upgrade(at directory: String, durable: Bool = true, maximumMapSize: Int? = nil,
                               progress: ((UInt64) -> Void)? = nil) throws -> UpgradeReport {
        let (ledger, format) = try open(at: directory, readOnly: false, durable: durable, maximumMapSize: maximumMapSize, upgrading: true)
        guard format < formatVersion else {
            return UpgradeReport(fromFormat: format, toFormat: format, events: try ledger.eventCount(), budgets: try ledger.budgetCount())
        }
        let formerBudgetEvents = try ledger.formerBudgetEvents()
        let (events, budgets) = try ledger.write { txn in
            if let formerBudgetEvents { try ledger.moveBudgetEvents(from: formerBudgetEvents, in: txn) }
            try ledger.writeMoneyEffects(in: txn)
            let rebuilt = try ledger.rebuildProjections(progress: progress, in: txn)
            var version = ByteWriter()
            version.uint32(formatVersion)
            try txn.put(ledger.databases.meta, key: Array("format".utf8), value: version.bytes)
            return rebuilt
        }
        return UpgradeReport(fromFormat: format, toFormat: formatVersion, events: events, budgets: budgets)
    }

    /// The budget index of formats 1 and 2 (`budget_events`); nil when the ledger has none.
    private func formerBudgetEvents() throws -> Database? {
        do {
            return try environment.openDatabase(LedgerDatabases.formerBudgetEventsName, create: false)
        } catch let error as LMDBError where error.isNotFound {
            return nil
        } catch let error as LMDBError {
            throw StoreError.wrap(error, directory: directory)
        }
    }

    /// Moves the budget index of formats 1 and 2 (budget id, 0, seq → empty) into `budget_seqs`
    /// (budget id → seq), a chunk at a time as `writeMoneyEffects` does, and empties it. Emptied,
    /// not deleted: LMDB closes a deleted database's handle at once, even if this transaction
    /// is then begun again (after the map grows), which would find it closed.
    private func moveBudgetEvents(from former: Database, in txn: borrowing WriteTransaction) throws {
        var start: [UInt8] = []
        var chunk: [(budget: [UInt8], seq: [UInt8])] = []
        repeat {
            chunk.removeAll(keepingCapacity: true)
            try txn.forEach(former, from: start) { key, _ in
                // The seq is the last 8 bytes, after the 0 that ends the budget id.
                guard key.count > 9, key[key.count - 9] == 0 else { throw StoreError.damaged("a budget index entry is malformed") }
                chunk.append((Array(key[..<(key.count - 9)]), Array(key[(key.count - 8)...])))
                start = Array(key) + [0]
                noteMapStep()
                return chunk.count < 10_000
            }
            for (budget, seq) in chunk { try txn.put(databases.budgetEvents, key: budget, value: seq) }
        } while !chunk.isEmpty
        try txn.dropAll(former)
    }

    /// Writes every event's money effect, from its canonical bytes, a chunk of events at a time
    /// (no writes while a cursor walks, and memory bounded whatever the ledger's size: each event
    /// read is a step through the map, `noteMapStep`). An effect already stored as derived (format
    /// 2 stores them) is left as it is: rewriting it would hold a page of the transaction per
    /// few dozen events, 470 MB of a 10M-event ledger, until the commit.
    private func writeMoneyEffects(in txn: borrowing WriteTransaction) throws {
        var next: UInt64 = 1
        var chunk: [(key: [UInt8], effect: [UInt8])] = []
        var effect: [UInt8] = []
        var visited = 0
        repeat {
            chunk.removeAll(keepingCapacity: true)
            visited = 0
            try txn.forEach(databases.events, from: ByteWriter.key(seq: next)) { key, value in
                guard value.count > StoredEvent.hashLength else { throw StoreError.damaged("a stored event is too short") }
                MoneyEffect.encode(canonical: UnsafeRawBufferPointer(rebasing: value[StoredEvent.hashLength...]), into: &effect)
                let storedAsDerived = try txn.withValue(databases.effects, key: key) { $0.hasSameBytes(as: effect) } ?? false
                if !storedAsDerived { chunk.append((Array(key), effect)) }
                next = ByteReader.seq(key) + 1
                noteMapStep()
                visited += 1
                return visited < 10_000
            }
            for (key, effect) in chunk { try txn.put(databases.effects, key: key, value: effect) }
        } while visited > 0
    }

    /// The number of budgets with a projection.
    func budgetCount() throws -> Int { try read { txn in try txn.count(databases.budgets) } }
}
