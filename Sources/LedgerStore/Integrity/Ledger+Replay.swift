import LMDB
import LedgerDomain

extension Ledger {
    /// Rebuilds the projections (budgets, the reversal index, and a budget index that does not
    /// list exactly each budget's events) from the events, in one write
    /// transaction. Only what differs from a replay is written: replaying an intact ledger
    /// changes no page, so its commit has nothing to write or sync.
    ///
    /// The hash chain is checked first, in the same transaction: projections are never rebuilt
    /// from events that do not match their hashes (a tampered amount would otherwise become a
    /// balance without a word).
    /// - Returns: the number of events replayed and of budgets.
    /// - Throws: `StoreError.damagedEvent` at the first break in the chain; nothing is written.
    ///
    /// ```swift
    /// let (events, budgets) = try ledger.replay()
    /// ```
    @discardableResult
    public func replay(progress: ((UInt64) -> Void)? = nil) throws -> (events: UInt64, budgets: Int) {
        try write { txn in try rebuildProjections(progress: progress, in: txn) }
    }

    /// Makes every stored projection (heads, dated totals, commitments, reversal marks) what a
    /// fold of the events gives, writing only what differs.
    ///
    /// Each event is checked in the chain (`scanChain`), its money effect derived from its
    /// hashed canonical bytes (no JSON tree, `CanonicalMovementReader`) and held against the
    /// stored one (`effects`), which is then folded. An effect changed in the store is refused
    /// like a changed event, never folded into a balance; the few events that are not plain
    /// movements are decoded. Nothing is written unless the whole chain holds.
    ///
    /// A large log (`Ledger.parallelFoldMinimum` events or more) is checked and folded at once:
    /// the checks (`checkedChainFault`: the chain, the id index, each effect against its
    /// event's bytes) run on a second thread in its own read snapshot, which is this
    /// transaction's (it holds the writer lock, so nothing can commit in between), while this
    /// thread folds the stored effects. The first fault in seq order is reported, as one thread
    /// would meet it: a fault the checks find at or before the event whose fold failed wins.
    func rebuildProjections(progress: ((UInt64) -> Void)?, in txn: borrowing WriteTransaction) throws -> (events: UInt64, budgets: Int) {
        let lookup = try EventLookup(reader: TransactionReader(txn), databases: databases)
        let lastSeq = lookup.visibleThrough
        var table = FoldTable(filter: ViewFilter())
        var reversals: [UInt64: UInt64] = [:]
        var events: UInt64 = 0
        var indexPrints: [BudgetIndexPrint] = []  // by fold index
        func listed(_ seq: UInt64, at index: Int) {
            if index == indexPrints.count { indexPrints.append(BudgetIndexPrint()) }
            indexPrints[index].add(seq)
        }
        /// Folds event `seq` by its stored money effect, decoding the event when it is not a
        /// plain movement.
        func fold(_ seq: UInt64, _ stored: UnsafeRawBufferPointer, effect value: UnsafeRawBufferPointer) throws {
            if let effect = try MoneyEffect.decode(value) {
                let index = table.index(of: effect.budget)
                try table[index].apply(effect.movement, seq: seq, date: effect.date)
                listed(seq, at: index)
            } else {
                let decoded = try StoredEvent(storedValue: stored)
                if case .reversal(let reverses, _) = decoded.event.body, let target = try lookup.seq(ofID: reverses) {
                    reversals[target] = seq
                }
                let index = table.index(of: decoded.event.budget)
                try table[index].apply(decoded.event, decoded.envelope, target: lookup.target(id:))
                listed(seq, at: index)
            }
            events += 1
            if let progress, events % UInt64(Ledger.progressInterval) == 0 { progress(events) }
        }

        let firstFault: (seq: UInt64, error: any Error)?
        if lastSeq >= Ledger.parallelFoldMinimum, let checker = try? SnapshotHelper(ledger: self, { [self] in try checkedChainFault(in: $0) }) {
            // This thread folds the stored effects as they are; the checker holds each against
            // its event's hashed bytes as it checks the chain, and nothing is written unless
            // both hold. The first fault in seq order is named; the checker's at the same seq
            // (met first by one thread) wins.
            var failure: (seq: UInt64, error: any Error)?
            var steps = MapStepBatch(self)
            defer { steps.flush() }
            try txn.withKeyOrderWalk(databases.effects) { effectWalk in
                try txn.forEach(databases.events) { key, value in
                    let seq = ByteReader.seq(key)
                    guard seq <= lastSeq else { return false }
                    do {
                        guard value.count > StoredEvent.hashLength else {
                            throw StoreError.damagedEvent(seq: seq, detail: "event seq \(seq) is too short to be a stored event")
                        }
                        guard let effect = try Self.storedEffect(of: seq, in: &effectWalk) else { throw Self.noStoredEffect(seq) }
                        try fold(seq, value, effect: effect)
                    } catch {
                        failure = (seq, error)
                        return false
                    }
                    steps.note()
                    return true
                }
            }
            // Nil when the helper could not have its snapshot at once: check here, after. Its
            // snapshot is this transaction's: the writer lock this transaction holds keeps any
            // commit out until the check is over.
            let checked = try checker.finish() ?? checkedChainFault(in: txn)
            firstFault = checked.map { checked in failure.map { $0.seq < checked.seq ? $0 : checked } ?? checked } ?? failure
        } else {
            firstFault = try checkedChainFault(in: txn) { seq, stored, effect in try fold(seq, stored, effect: effect) }
        }
        if let firstFault { throw firstFault.error }
        guard events == lastSeq else {
            throw StoreError.damagedEvent(seq: events + 1, detail: "event seq \(events + 1) is missing below the chain tip")
        }
        let folds = table.byBudget
        let expected = StoredProjections(folds: folds)
        try rewrite(databases.budgets, to: expected.heads, in: txn)
        try rewrite(databases.datedTotals, to: expected.datedTotals, in: txn)
        try rewrite(databases.commitments, to: expected.commitments, in: txn)
        try rewrite(databases.reversals, to: Dictionary(uniqueKeysWithValues: reversals.map { (ByteWriter.key(seq: $0.key), ByteWriter.key(seq: $0.value)) }), in: txn)
        let expectedIndex = Dictionary(uniqueKeysWithValues: zip(table.budgetIDs, indexPrints))
        let unlisted = try budgetIndexMismatches(expected: expectedIndex, through: lastSeq, in: txn)
        if !unlisted.isEmpty { try rebuildBudgetIndex(of: Set(unlisted), through: lastSeq, in: txn) }
        return (events, folds.count)
    }

    /// The chain check (`scanChain`) with each event's stored money effect held against the
    /// one its hashed bytes give, handing each event that passed and its effect to `eachEvent`:
    /// the first fault in seq order, with its seq; nil when all hold. Run by replay's checking
    /// thread, or by replay alone below `Ledger.parallelFoldMinimum` events, folding as it goes.
    func checkedChainFault(in txn: borrowing some ReadableTransaction & ~Copyable,
                           eachEvent: (_ seq: UInt64, _ stored: UnsafeRawBufferPointer, _ effect: UnsafeRawBufferPointer) throws -> Void = { _, _, _ in })
        throws -> (seq: UInt64, error: any Error)? {
        var derived: [UInt8] = []
        do {
            let chainBreak = try txn.withKeyOrderWalk(databases.effects) { effectWalk in
                try scanChain(in: txn) { seq, stored in
                    MoneyEffect.encode(canonical: UnsafeRawBufferPointer(rebasing: stored[StoredEvent.hashLength...]), into: &derived)
                    guard let effect = try Self.storedEffect(of: seq, in: &effectWalk) else { throw Self.noStoredEffect(seq) }
                    guard effect.hasSameBytes(as: derived) else {
                        throw StoreError.damagedEvent(seq: seq, detail: "event seq \(seq) has a stored money effect that differs from its canonical bytes")
                    }
                    try eachEvent(seq, stored, effect)
                }
            }
            return chainBreak.map { ($0.seq, StoreError.damagedEvent(seq: $0.seq, detail: $0.description)) }
        } catch StoreError.damagedEvent(let seq, let detail) {
            return (seq, StoreError.damagedEvent(seq: seq, detail: detail))
        }
    }

    private static func noStoredEffect(_ seq: UInt64) -> StoreError {
        .damagedEvent(seq: seq, detail: "event seq \(seq) has no stored money effect")
    }

    /// The stored money effect of event `seq`, read by moving `walk` forwards past any effect
    /// of a lower seq (one without an event is not replay's to judge: `verify` names it); nil
    /// when there is none. Events come in rising seqs, so the walk never needs to go back.
    private static func storedEffect(of seq: UInt64, in walk: inout KeyOrderWalk) throws -> UnsafeRawBufferPointer? {
        while let (key, value) = try walk.next() {
            let stored = ByteReader.seq(key)
            if stored == seq, key.count == 8 { return value }
            if stored > seq { return nil }
        }
        return nil
    }

    /// Makes `db` hold exactly `wanted`, writing and deleting only what differs.
    private func rewrite(_ db: Database, to wanted: [[UInt8]: [UInt8]], in txn: borrowing WriteTransaction) throws {
        var wanted = wanted
        var stale: [[UInt8]] = []
        try txn.forEach(db) { key, value in
            let key = Array(key)
            if let replayed = wanted[key] {
                if replayed.hasSameBytes(as: value) { wanted[key] = nil }  // stored as it should be
            } else {
                stale.append(key)
            }
            noteMapStep()
            return true  // no writes while the cursor walks: they follow
        }
        for key in stale { _ = try txn.delete(db, key: key) }
        for (key, value) in wanted { try txn.put(db, key: key, value: value) }
    }
}

/// What the projection databases should hold for a fold of the events, key → value.
struct StoredProjections {
    var heads: [[UInt8]: [UInt8]] = [:]
    var datedTotals: [[UInt8]: [UInt8]] = [:]
    var commitments: [[UInt8]: [UInt8]] = [:]

    init(folds: [String: BudgetFold]) {
        for (budget, fold) in folds {
            guard let state = fold.state else { continue }
            heads[Array(budget.utf8)] = BudgetStateCodec.encode(state)
            for (key, value) in ProjectionEntries.datedEntries(of: state) { datedTotals[key] = value }
            for (key, value) in ProjectionEntries.commitmentEntries(of: state) { commitments[key] = value }
        }
    }
}
