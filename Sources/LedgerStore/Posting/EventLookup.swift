import LMDB
import LedgerDomain

/// Finds recorded events by id or seq within one transaction.
///
/// Only events up to `visibleThrough` exist for it. Past the chain tip lie the commits of a
/// multi-commit import that has not finished (or that a crash cut short, until it is rolled
/// back): no reader may see them. The import itself looks past the tip at its own events.
struct EventLookup {
    let reader: TransactionReader
    let databases: LedgerDatabases
    let visibleThrough: UInt64

    /// What a reader sees: the events up to the chain tip.
    init(reader: TransactionReader, databases: LedgerDatabases) throws {
        self.init(reader: reader, databases: databases, visibleThrough: try Ledger.tip(in: reader, meta: databases.meta).seq)
    }

    init(reader: TransactionReader, databases: LedgerDatabases, visibleThrough: UInt64) {
        self.reader = reader
        self.databases = databases
        self.visibleThrough = visibleThrough
    }

    func seq(ofID id: String) throws -> UInt64? {
        var id = id  // its UTF-8 in place: every posted line asks, and most ids are not found
        let indexed = try id.withUTF8 { try reader.withValue(databases.eventIDs, key: UnsafeRawBufferPointer($0)) { ByteReader.seq($0) } }
        guard let seq = indexed, seq <= visibleThrough else { return nil }
        return seq
    }

    func storedEvent(seq: UInt64) throws -> StoredEvent? {
        guard seq <= visibleThrough else { return nil }
        return try reader.withValue(databases.events, key: ByteWriter.key(seq: seq)) { try StoredEvent(storedValue: $0) }
    }

    func storedEvent(id: String) throws -> StoredEvent? {
        guard let seq = try seq(ofID: id) else { return nil }
        return try storedEvent(indexedAt: seq, id: id)
    }

    /// The event the id index names `id` at `seq`: it must be stored there.
    private func storedEvent(indexedAt seq: UInt64, id: String) throws -> StoredEvent {
        guard let stored = try storedEvent(seq: seq) else { throw StoreError.damaged("event \"\(id)\" is indexed at seq \(seq) but not stored") }
        return stored
    }

    func isReversed(seq: UInt64) throws -> Bool {
        try reader.withValue(databases.reversals, key: ByteWriter.key(seq: seq)) { ByteReader.seq($0) <= visibleThrough } ?? false
    }

    /// An event as the posting rules see it: where it is and whether it was reversed.
    func recordedEvent(id: String) throws -> RecordedEvent? {
        guard let seq = try seq(ofID: id) else { return nil }
        return try recordedEvent(indexedAt: seq, id: id)
    }

    /// The same, for an id the index names at `seq` (read by the caller).
    func recordedEvent(indexedAt seq: UInt64, id: String) throws -> RecordedEvent? {
        guard seq <= visibleThrough else { return nil }
        let stored = try storedEvent(indexedAt: seq, id: id)
        return RecordedEvent(seq: stored.envelope.seq, event: stored.event, isReversed: try isReversed(seq: stored.envelope.seq))
    }

    /// The ids the budget's reconciliations name in `matched` (SPEC 7.2), by the pot each names.
    /// It reads the budget's events: asked only when a reconciliation naming events is posted,
    /// a few times a year per pot.
    func reconciledEventIDs(budget: String) throws -> [Pot?: Set<String>] {
        var ids: [Pot?: Set<String>] = [:]
        try forEachEvent(ofBudget: budget) { stored, _ in
            if case .reconciliation(let pot, _, _, _, let matched?) = stored.event.body {
                ids[pot, default: []].formUnion(matched)
            }
            return true
        }
        return ids
    }

    /// A budget's whole projection, dated totals included, folded from every event of it this
    /// lookup sees; nil when it has none. The writer asks when an event needs the dated totals,
    /// which the ledger does not store (see `BudgetStateCache`): a budget's few hundred events,
    /// each folded from its stored money effect as `replay` folds it (the events that move no
    /// money, and any without an effect, decoded), so that no JSON is read for most of them.
    func foldedState(of budget: String) throws -> BudgetState? {
        var fold = BudgetFold()
        try forEachSeq(ofBudget: budget) { seq in
            let folded = try reader.withValue(databases.effects, key: ByteWriter.key(seq: seq)) { value -> Bool in
                guard let effect = try MoneyEffect.decode(value) else { return false }
                try fold.apply(effect.movement, seq: seq, date: effect.date)
                return true
            }
            if folded == true { return true }
            let stored = try indexedEvent(seq: seq, budget: budget)
            try fold.apply(stored.event, stored.envelope, target: target(id:))
            return true
        }
        return fold.state
    }

    /// Visits one budget's events that this lookup sees, in `seq` order, until `body` returns
    /// false. The resolver finds a reversal's target among the budget's earlier events (a
    /// reversal may only name an event of its own budget).
    func forEachEvent(ofBudget budget: String,
                      _ body: (StoredEvent, (String) throws -> (Event, Envelope)?) throws -> Bool) throws {
        var reversible: [String: (Event, Envelope)] = [:]
        let resolve: (String) throws -> (Event, Envelope)? = { reversible[$0] }
        try forEachSeq(ofBudget: budget) { seq in
            let stored = try indexedEvent(seq: seq, budget: budget)
            if stored.event.kind.isReversible { reversible[stored.event.id] = (stored.event, stored.envelope) }
            return try body(stored, resolve)
        }
    }

    /// The seqs of one budget's events that this lookup sees, in order, until `body` returns false.
    private func forEachSeq(ofBudget budget: String, _ body: (UInt64) throws -> Bool) throws {
        try reader.forEachValue(databases.budgetEvents, key: Array(budget.utf8)) { value in
            guard value.count == 8 else { throw StoreError.damaged("budget \(budget) has a malformed event index entry") }
            let seq = ByteReader.seq(value)
            guard seq <= visibleThrough else { return false }
            return try body(seq)
        }
    }

    /// The event the budget's index lists at `seq`: it must be stored.
    private func indexedEvent(seq: UInt64, budget: String) throws -> StoredEvent {
        guard let stored = try storedEvent(seq: seq) else {
            throw StoreError.damaged("budget \(budget) indexes seq \(seq), which is not stored")
        }
        return stored
    }

    /// The event a reversal names, with its envelope, for the view folds.
    func target(id: String) throws -> (Event, Envelope)? {
        try storedEvent(id: id).map { ($0.event, $0.envelope) }
    }
}
