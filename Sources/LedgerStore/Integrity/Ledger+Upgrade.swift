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
    /// its projections are rebuilt from them in the current layout, with each event's money
    /// effect (`MoneyEffect`) derived from its canonical bytes. A ledger in the current format
    /// is left untouched.
    ///
    /// Memory does not grow with the ledger: the budget index and the money effects are written
    /// first, in commits of 10,000 entries each, and the last commit empties the old index and
    /// the old dated totals, rebuilds the projections and records the new format. A crash at
    /// any instant leaves the ledger in its old format, which a reader of that format reads as
    /// before (what the first commits added is nothing it reads) and which upgrades again, or in
    /// the new format whole.
    ///
    /// `entriesPerCommit` sizes those first commits (the crash harness makes them small, so that
    /// its kills fall between them); it must be at least 1.
    public static func upgrade(at directory: String, durable: Bool = true, maximumMapSize: Int? = nil,
                               entriesPerCommit: Int = defaultEntriesPerCommit,
                               progress: ((UInt64) -> Void)? = nil) throws -> UpgradeReport {
        precondition(entriesPerCommit > 0, "an upgrade writes at least one entry per commit")
        return try upgrade(at: directory, durable: durable, maximumMapSize: maximumMapSize, progress: progress,
                           entriesPerCommit: entriesPerCommit, afterEachCommit: {})
    }

    /// Budget index entries, or money effects, per commit of `upgrade` before its last.
    public static let defaultEntriesPerCommit = 10_000

    /// `upgrade`, with its commits' size and a call after each of the first commits (tests stop
    /// there, as a crash would).
    static func upgrade(at directory: String, durable: Bool, maximumMapSize: Int?, progress: ((UInt64) -> Void)?,
                        entriesPerCommit: Int, afterEachCommit: () throws -> Void) throws -> UpgradeReport {
        let (ledger, format) = try open(at: directory, readOnly: false, durable: durable, maximumMapSize: maximumMapSize, upgrading: true)
        guard format < formatVersion else {
            return UpgradeReport(fromFormat: format, toFormat: format, events: try ledger.eventCount(), budgets: try ledger.budgetCount())
        }
        let formerBudgetEvents = try ledger.formerDatabase(LedgerDatabases.formerBudgetEventsName)
        let formerDatedTotals = try ledger.formerDatabase(LedgerDatabases.formerDatedTotalsName)
        if let formerBudgetEvents {
            try ledger.copyBudgetEvents(from: formerBudgetEvents, entriesPerCommit: entriesPerCommit, afterEachCommit: afterEachCommit)
        }
        var nextEffect: UInt64 = 1
        while let next = try ledger.write({ txn in try ledger.writeMoneyEffects(from: nextEffect, upTo: entriesPerCommit, in: txn) }) {
            nextEffect = next
            try afterEachCommit()
        }
        let (events, budgets) = try ledger.write { txn in
            if let formerBudgetEvents { try txn.dropAll(formerBudgetEvents) }
            if let formerDatedTotals { try txn.dropAll(formerDatedTotals) }
            // Events an older build posted since the commits above, if any: their effects here,
            // and rebuildProjections lists them in the budget index (it rebuilds a budget's
            // entries when they do not add up to its events).
            var from = nextEffect  // as it was, if this transaction runs again
            while let next = try ledger.writeMoneyEffects(from: from, upTo: entriesPerCommit, in: txn) { from = next }
            let rebuilt = try ledger.rebuildProjections(progress: progress, in: txn)
            var version = ByteWriter()
            version.uint32(formatVersion)
            try txn.put(ledger.databases.meta, key: Array("format".utf8), value: version.bytes)
            return rebuilt
        }
        return UpgradeReport(fromFormat: format, toFormat: formatVersion, events: events, budgets: budgets)
    }

    /// A database of an older format that the current one does not use (`budget_events` of
    /// formats 1 and 2, `dated_totals` of formats 2 to 4); nil when the ledger has none.
    func formerDatabase(_ name: String) throws -> Database? {
        do {
            return try environment.openDatabase(name, create: false)
        } catch let error as LMDBError where error.isNotFound {
            return nil
        } catch let error as LMDBError {
            throw StoreError.wrap(error, directory: directory)
        }
    }

    /// Copies the budget index of formats 1 and 2 (budget id, 0, seq → empty) into
    /// `budget_seqs` (budget id → seq), in commits of `entriesPerCommit`. The old index stays
    /// until the last commit of the upgrade empties it (emptied, not deleted: LMDB closes a
    /// deleted database's handle at once, even if that transaction is then begun again after
    /// the map grows, which would find it closed).
    ///
    /// Entries past the chain tip are not copied: they are an unfinished import's. One a crash
    /// cut short was rolled back when the upgrade opened the ledger, by code that knows only
    /// `budget_seqs`, so the old index still names its events; copied, they would name the
    /// events later posts put at those seqs. (A live import's last commit moves the tip: the
    /// upgrade's last commit then lists its events, as it lists any event the old index lacks.)
    private func copyBudgetEvents(from former: Database, entriesPerCommit: Int, afterEachCommit: () throws -> Void) throws {
        var start: [UInt8] = []
        // Each commit reads from `start`, left as it was if the transaction runs again.
        while let next = try write({ txn -> [UInt8]? in
            var chunk: [(budget: [UInt8], seq: [UInt8])] = []
            var next: [UInt8]?
            let tipSeq = try tip(in: txn).seq
            try txn.forEach(former, from: start) { key, _ in
                // The seq is the last 8 bytes, after the 0 that ends the budget id.
                guard key.count > 9, key[key.count - 9] == 0 else { throw StoreError.damaged("a budget index entry is malformed") }
                let seq = UnsafeRawBufferPointer(rebasing: key[(key.count - 8)...])
                if ByteReader.seq(seq) <= tipSeq { chunk.append((Array(key[..<(key.count - 9)]), Array(seq))) }
                next = Array(key) + [0]
                noteMapStep()
                return chunk.count < entriesPerCommit
            }
            for (budget, seq) in chunk { try txn.put(databases.budgetEvents, key: budget, value: seq) }
            return next
        }) {
            start = next
            try afterEachCommit()
        }
    }

    /// Writes the money effects, derived from their canonical bytes, of up to `count` events
    /// from seq `first` on (no writes while a cursor walks; each event read is a step through
    /// the map, `noteMapStep`), and returns the seq to go on from: nil when no event was left.
    /// An effect already stored as derived (format 2 stores them; an earlier upgrade may have
    /// written them) is left as it is: rewriting it would dirty a page for nothing.
    private func writeMoneyEffects(from first: UInt64, upTo count: Int, in txn: borrowing WriteTransaction) throws -> UInt64? {
        var chunk: [(key: [UInt8], effect: [UInt8])] = []
        var effect: [UInt8] = []
        var visited = 0
        var next = first
        try txn.forEach(databases.events, from: ByteWriter.key(seq: first)) { key, value in
            guard value.count > StoredEvent.hashLength else { throw StoreError.damaged("a stored event is too short") }
            MoneyEffect.encode(canonical: UnsafeRawBufferPointer(rebasing: value[StoredEvent.hashLength...]), into: &effect)
            let storedAsDerived = try txn.withValue(databases.effects, key: key) { $0.hasSameBytes(as: effect) } ?? false
            if !storedAsDerived { chunk.append((Array(key), effect)) }
            next = ByteReader.seq(key) + 1
            noteMapStep()
            visited += 1
            return visited < count
        }
        for (key, effect) in chunk { try txn.put(databases.effects, key: key, value: effect) }
        return visited > 0 ? next : nil
    }

    /// How far an upgrade of the ledger at `directory` got before it stopped: the budget index
    /// entries and money effects its first commits wrote, and the format recorded (the crash
    /// harness tallies where its kills fell). Reads only.
    @_spi(Testing) public static func upgradeProgress(at directory: String) throws -> (indexEntries: Int, effects: Int, format: UInt32) {
        let environment = try Ledger.environment(at: directory, options: environmentOptions(readOnly: true, durable: true, maximumMapSize: nil))
        // Databases a format-1 ledger lacks until the upgrade's first commit creates them count 0.
        func entries(_ name: String, fixedSizeDuplicates: Bool = false) throws -> Int {
            do {
                let database = fixedSizeDuplicates ? try environment.openFixedSizeDuplicatesDatabase(name, create: false)
                    : try environment.openDatabase(name, create: false)
                return try environment.read { try $0.count(database) }
            } catch let error as LMDBError where error.isNotFound {
                return 0
            }
        }
        let meta = try environment.openDatabase("meta", create: false)
        let format = try environment.read { txn in try storedFormat(in: txn, meta: meta) }
        return (try entries("budget_seqs", fixedSizeDuplicates: true), try entries("effects"), format ?? 0)
    }

    /// The number of budgets with a projection.
    func budgetCount() throws -> Int { try read { txn in try txn.count(databases.budgets) } }
}
