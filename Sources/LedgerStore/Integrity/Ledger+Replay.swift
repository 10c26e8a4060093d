import LMDB
import LedgerDomain

extension Ledger {
    /// Rebuilds the projections (budgets and the reversal index) from the events, in one write
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
    /// fold of the events gives, writing only what differs; the chain is checked first.
    ///
    /// The fold reads each event's money effect (`effects`), not its JSON; the few events that
    /// are not plain movements are decoded. Each effect is first held against the one its
    /// event's hashed canonical bytes give (no JSON tree, `CanonicalMovementReader`): an effect
    /// changed in the store is refused like a changed event, never folded into a balance.
    func rebuildProjections(progress: ((UInt64) -> Void)?, in txn: borrowing WriteTransaction) throws -> (events: UInt64, budgets: Int) {
        let lookup = try EventLookup(reader: TransactionReader(txn), databases: databases)
        let lastSeq = lookup.visibleThrough
        if let chainBreak = try scanChain(in: txn) {
            throw StoreError.damagedEvent(seq: chainBreak.seq, detail: chainBreak.description)
        }
        var table = FoldTable(filter: ViewFilter())
        var reversals: [UInt64: UInt64] = [:]
        var events: UInt64 = 0
        var derived: [UInt8] = []
        try txn.forEach(databases.effects) { key, value in
            let seq = ByteReader.seq(key)
            guard seq <= lastSeq else { return false }  // an unfinished import's
            guard seq == events + 1 else {
                throw StoreError.damagedEvent(seq: events + 1, detail: "event seq \(events + 1) has no stored money effect")
            }
            let matches = try txn.withValue(databases.events, key: key) { stored -> Bool in
                guard stored.count > StoredEvent.hashLength else { return false }
                MoneyEffect.encode(canonical: UnsafeRawBufferPointer(rebasing: stored[StoredEvent.hashLength...]), into: &derived)
                return value.elementsEqual(derived)
            }
            guard matches == true else {
                throw StoreError.damagedEvent(seq: seq, detail: "event seq \(seq) has a stored money effect that differs from its canonical bytes")
            }
            if let effect = try MoneyEffect.decode(value) {
                let index = table.index(of: effect.budget)
                try table[index].apply(effect.movement, seq: seq, date: effect.date)
            } else {
                guard let stored = try lookup.storedEvent(seq: seq) else {
                    throw StoreError.damagedEvent(seq: seq, detail: "event seq \(seq) has a money effect but is not stored")
                }
                if case .reversal(let reverses, _) = stored.event.body, let target = try lookup.seq(ofID: reverses) {
                    reversals[target] = seq
                }
                let index = table.index(of: stored.event.budget)
                try table[index].apply(stored.event, stored.envelope, target: lookup.target(id:))
            }
            events += 1
            if let progress, events % UInt64(Ledger.progressInterval) == 0 { progress(events) }
            noteMapped(events: 1)
            return true
        }
        guard events == lastSeq else {
            throw StoreError.damagedEvent(seq: events + 1, detail: "event seq \(events + 1) has no stored money effect")
        }
        let folds = table.byBudget
        let expected = StoredProjections(folds: folds)
        try rewrite(databases.budgets, to: expected.heads, in: txn)
        try rewrite(databases.datedTotals, to: expected.datedTotals, in: txn)
        try rewrite(databases.commitments, to: expected.commitments, in: txn)
        try rewrite(databases.reversals, to: Dictionary(uniqueKeysWithValues: reversals.map { (ByteWriter.key(seq: $0.key), ByteWriter.key(seq: $0.value)) }), in: txn)
        return (events, folds.count)
    }

    /// Makes `db` hold exactly `wanted`, writing and deleting only what differs.
    private func rewrite(_ db: Database, to wanted: [[UInt8]: [UInt8]], in txn: borrowing WriteTransaction) throws {
        var wanted = wanted
        var stale: [[UInt8]] = []
        try txn.forEach(db) { key, value in
            let key = Array(key)
            if let replayed = wanted[key] {
                if replayed.elementsEqual(value) { wanted[key] = nil }  // stored as it should be
            } else {
                stale.append(key)
            }
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
