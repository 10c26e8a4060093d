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

    /// Makes every stored projection (heads, commitments, reversal marks) what a fold of the
    /// events gives, writing only what differs.
    ///
    /// Each event is checked in the chain, its money effect derived from its hashed canonical
    /// bytes (no JSON tree, `CanonicalMovementReader`) and held against the stored one
    /// (`effects`), and the stored effects are folded. An effect changed in the store is refused
    /// like a changed event, never folded into a balance; the few events that are not plain
    /// movements are decoded. Nothing is written unless the whole chain holds.
    ///
    /// A large log (`Ledger.parallelFoldMinimum` events or more) is walked by two threads
    /// (`ReplayShare`): this one checks the lower half of the chain, a second one, in its own
    /// read snapshot (this transaction's: it holds the writer lock, so nothing can commit in
    /// between), the upper half, each folding half of the budgets. The first fault in seq order
    /// is reported, as one walk would meet it (`replayFault`).
    func rebuildProjections(progress: ((UInt64) -> Void)?, in txn: borrowing WriteTransaction) throws -> (events: UInt64, budgets: Int) {
        let tip = try self.tip(in: txn)
        let lastSeq = tip.seq
        var shares: [ReplayShare]
        // The id index's and budget index's own walks, made beside the other thread's share.
        var indexPrint: EventIDIndexPrint?
        var storedIndex: StoredBudgetIndex?
        if lastSeq >= Ledger.parallelFoldMinimum {
            let middle = lastSeq / 2
            let upperStart = try storedHash(ofEvent: middle, in: txn)
            // A missing or short event `middle` is the lower share's fault, met before any of the upper's.
            let upper = ReplayShare(checking: (middle + 1)...lastSeq, previousHash: upperStart ?? ChainTip.genesisHash, partition: 1, of: 2)
            let helper = try? SnapshotHelper(ledger: self) { [self] snapshot in
                var share = upper
                try walkReplayShare(&share, tip: tip, in: snapshot, progress: nil)
                guard share.checkFault == nil else { return (share, EventIDIndexPrint?.none) }
                share.encodeProjections()
                return (share, try eventIDIndexPrint(through: lastSeq, in: snapshot))
            }
            var lower = ReplayShare(checking: 1...middle, previousHash: ChainTip.genesisHash, partition: 0, of: 2)
            do {
                try walkReplayShare(&lower, tip: tip, in: txn, progress: progress)
                lower.encodeProjections()
                storedIndex = try storedBudgetIndex(through: lastSeq, in: txn)
            } catch {
                _ = try? helper?.finish()
                throw error
            }
            if let (walked, print) = try helper?.finish() {
                shares = [lower, walked]
                indexPrint = print
            } else {
                // No snapshot could be had at once: this thread walks the upper share too.
                var walked = upper
                try walkReplayShare(&walked, tip: tip, in: txn, progress: nil)
                walked.encodeProjections()
                shares = [lower, walked]
            }
        } else {
            var whole = ReplayShare(checking: 1...max(lastSeq, 1), previousHash: ChainTip.genesisHash, partition: 0, of: 1)
            if lastSeq > 0 { try walkReplayShare(&whole, tip: tip, in: txn, progress: progress) }
            whole.encodeProjections()
            shares = [whole]
        }
        if let fault = try replayFault(of: shares, indexPrint: indexPrint, tip: tip, in: txn) { throw fault.error }
        let events = shares.reduce(0) { $0 + $1.folded }
        guard events == lastSeq else {
            throw StoreError.damagedEvent(seq: events + 1, detail: "event seq \(events + 1) is missing below the chain tip")
        }
        var expectedIndex: [String: BudgetIndexPrint] = [:]
        for share in shares { expectedIndex.merge(share.indexPrintsByBudget) { first, _ in first } }
        var reversals: [UInt64: UInt64] = [:]
        for reversal in shares.flatMap(\.reversals).sorted(by: { $0.seq < $1.seq }) { reversals[reversal.target] = reversal.seq }
        let expected = StoredProjections(merging: shares.map(\.projections))
        try rewrite(databases.budgets, to: expected.heads, in: txn)
        try rewrite(databases.commitments, to: expected.commitments, in: txn)
        try rewrite(databases.reversals, to: StoredProjections.sorted(reversals.map { (ByteWriter.key(seq: $0.key), ByteWriter.key(seq: $0.value)) }), in: txn)
        let unlisted = try (storedIndex ?? storedBudgetIndex(through: lastSeq, in: txn)).mismatches(expected: expectedIndex)
        if !unlisted.isEmpty { try rebuildBudgetIndex(of: Set(unlisted), through: lastSeq, in: txn) }
        return (events, shares.reduce(0) { $0 + $1.table.folds.count })
    }

    /// The first fault of replay's walk, in seq order, as one walk from seq 1 would meet it; nil
    /// when all held. The checks' faults come share by share (a lower share's comes first, and a
    /// fault there is why the upper share's start may be wrong); an id index fault before the
    /// first comes first; with none, the id index must list exactly the events' ids and the tip
    /// must be the last event. A fold that failed is reported when no check failed at or before
    /// its seq.
    private func replayFault(of shares: [ReplayShare], indexPrint: EventIDIndexPrint?, tip: ChainTip,
                             in txn: borrowing some ReadableTransaction & ~Copyable) throws -> (seq: UInt64, error: any Error)? {
        var found: ChainBreak?
        var idPrint = EventIDIndexPrint()
        var last = (seq: UInt64(0), hash: ChainTip.genesisHash)
        for share in shares {
            if let fault = share.checkFault {
                found = fault
                break
            }
            idPrint.add(share.idPrint)
            last = (share.nextSeq - 1, share.lastHash)
            if share.nextSeq <= share.checked.upperBound { break }  // the events ran out here
        }
        let checked = try idIndexChecked(found: found, idPrint: idPrint, indexPrint: indexPrint, tip: tip, in: txn)
            ?? ChainBreak(tip: tip, lastSeq: min(last.seq, tip.seq), lastHash: last.hash)
        let checkFault = checked.map { (seq: $0.seq, error: StoreError.damagedEvent(seq: $0.seq, detail: $0.description) as any Error) }
        let foldFault = shares.compactMap(\.foldFault).min { $0.seq < $1.seq }
        guard let foldFault else { return checkFault }
        guard let checkFault else { return foldFault }
        return foldFault.seq < checkFault.seq ? foldFault : checkFault
    }

    /// Makes `db` hold exactly `wanted` (sorted by key bytes, as `db` is), writing and deleting
    /// only what differs. Each write or delete is a step through the map: it reads the leaf it
    /// changes, and a rewrite of a whole database would otherwise map every page it touches,
    /// with the page cache's large folios around them (the format 3 → 4 upgrade, which rewrote
    /// every dated total, peaked at up to 698 MB at ten million events before this).
    private func rewrite(_ db: Database, to wanted: [(key: [UInt8], value: [UInt8])], in txn: borrowing WriteTransaction) throws {
        var stale: [[UInt8]] = []
        var toWrite: [Int] = []
        try differences(of: db, from: wanted, in: txn) { difference in
            switch difference {
            case .onlyStored(let key): stale.append(Array(key))  // no writes while the cursor walks: they follow
            case .onlyWanted(let index), .differs(let index): toWrite.append(index)
            }
        }
        var steps = MapStepBatch(self)
        defer { steps.flush() }
        for key in stale {
            _ = try txn.delete(db, key: key)
            steps.note()
        }
        for index in toWrite {
            try txn.put(db, key: wanted[index].key, value: wanted[index].value)
            steps.note()
        }
    }

    /// Tells each way `db` differs from `wanted` (sorted by key bytes, as `db` is), in one walk of
    /// `db` beside the list, with no table of keys: an entry only stored, a wanted one not
    /// stored, or one stored with other bytes.
    func differences(of db: Database, from wanted: [(key: [UInt8], value: [UInt8])],
                     in txn: borrowing some ReadableTransaction & ~Copyable,
                     _ each: (EntryDifference) throws -> Void) throws {
        var next = 0
        var steps = MapStepBatch(self)
        defer { steps.flush() }
        try txn.forEach(db) { key, value in
            while next < wanted.count, wanted[next].key.precedesInByteOrder(key) {
                try each(.onlyWanted(next))
                next += 1
            }
            if next < wanted.count, wanted[next].key.hasSameBytes(as: key) {
                if !wanted[next].value.hasSameBytes(as: value) { try each(.differs(next)) }
                next += 1
            } else {
                try each(.onlyStored(key: key))
            }
            steps.note(bytes: key.count + value.count)
            return true
        }
        for index in next..<wanted.count { try each(.onlyWanted(index)) }
    }
}

/// One way a database differs from the entries it should hold (`Ledger.differences`).
enum EntryDifference {
    /// A stored entry that should not be there; its key points into the map, for the call only.
    case onlyStored(key: UnsafeRawBufferPointer)
    /// The wanted entry at this index is not stored.
    case onlyWanted(Int)
    /// The wanted entry at this index is stored with other bytes.
    case differs(Int)
}

/// What the projection databases should hold for a fold of the events, each as key → value
/// pairs sorted by key bytes (the databases' order).
struct StoredProjections {
    typealias Entries = [(key: [UInt8], value: [UInt8])]
    var heads: Entries = []
    var commitments: Entries = []

    init(folds: [String: BudgetFold]) {
        // Budget by budget in id order: each one's keys start with its id and a 0 byte, so the
        // lists come out sorted but for each budget's few entries (its pots in opening order).
        for budget in folds.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let state = folds[budget]?.state else { continue }
            heads.append((Array(budget.utf8), BudgetStateCodec.encode(state)))
            commitments.append(contentsOf: Self.sorted(ProjectionEntries.commitmentEntries(of: state)))
        }
        heads = Self.sorted(heads)
        commitments = Self.sorted(commitments)
    }

    /// The projections of the folds of disjoint sets of budgets, together.
    init(merging parts: [StoredProjections]) {
        for part in parts {
            heads = Self.merged(heads, part.heads)
            commitments = Self.merged(commitments, part.commitments)
        }
    }

    /// `entries` in key byte order, as LMDB keeps them (checked in one pass first: they
    /// mostly are, and sorting moves every entry's two arrays).
    static func sorted(_ entries: Entries) -> Entries {
        guard entries.indices.dropFirst().contains(where: { !entries[$0 - 1].key.precedesInByteOrder(entries[$0].key) }) else {
            return entries
        }
        return entries.sorted { $0.key.precedesInByteOrder($1.key) }
    }

    /// Two lists sorted by key bytes, as one.
    private static func merged(_ first: Entries, _ second: Entries) -> Entries {
        guard !first.isEmpty else { return second }
        guard !second.isEmpty else { return first }
        var both = Entries()
        both.reserveCapacity(first.count + second.count)
        var (i, j) = (0, 0)
        while i < first.count, j < second.count {
            if second[j].key.precedesInByteOrder(first[i].key) {
                both.append(second[j])
                j += 1
            } else {
                both.append(first[i])
                i += 1
            }
        }
        both.append(contentsOf: first[i...])
        both.append(contentsOf: second[j...])
        return both
    }
}
