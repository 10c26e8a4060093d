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
        try write { txn in
            let lookup = try EventLookup(reader: TransactionReader(txn), databases: databases)
            if let chainBreak = try checkChain(in: txn, lookup: lookup, visit: { _ in }) {
                throw StoreError.damagedEvent(seq: chainBreak.seq, detail: chainBreak.description)
            }
            var reversals: [UInt64: UInt64] = [:]
            let (folds, events) = try foldAll(view: ViewFilter(), in: txn, progress: progress) { seq, reverses in
                if let target = try lookup.seq(ofID: reverses) { reversals[target] = seq }
            }
            var projections: [String: [UInt8]] = [:]
            for (budget, fold) in folds {
                if let state = fold.state { projections[budget] = BudgetStateCodec.encode(state) }
            }
            try rewrite(databases.budgets, to: projections.map { (Array($0.key.utf8), $0.value) }, in: txn)
            try rewrite(databases.reversals, to: reversals.map { (ByteWriter.key(seq: $0.key), ByteWriter.key(seq: $0.value)) }, in: txn)
            return (events, folds.count)
        }
    }

    /// Makes `db` hold exactly `entries`, writing and deleting only what differs.
    private func rewrite(_ db: Database, to entries: [([UInt8], [UInt8])], in txn: borrowing WriteTransaction) throws {
        var wanted = Dictionary(entries, uniquingKeysWith: { _, last in last })
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
