import LMDB
import LedgerDomain

/// One event of a budget's audit trail with the budget's state right after it.
public struct AuditEntry: Sendable {
    public let stored: StoredEvent
    public let stateAfter: BudgetState
}

extension Ledger {
    /// One budget's projection in a view; nil when the budget does not exist in it.
    /// One read snapshot; see ``LedgerSnapshot/budgetState(_:view:)``.
    public func budgetState(_ budget: String, view: ViewFilter = ViewFilter()) throws -> BudgetState? {
        try snapshot { try $0.budgetState(budget, view: view) }
    }

    /// One budget's balances in a view, from one read snapshot; in the current view one LMDB
    /// get, without dated totals or commitments. See ``LedgerSnapshot/budgetBalances(_:view:)``.
    public func budgetBalances(_ budget: String, view: ViewFilter = ViewFilter()) throws -> BudgetState? {
        try snapshot { try $0.budgetBalances(budget, view: view) }
    }

    /// Every budget in the view, ordered by budget id in byte order (SPEC 6.2), from one read snapshot.
    ///
    /// ```swift
    /// for state in try ledger.budgetStates(view: ViewFilter(asOfDate: CalendarDate(iso: "2025-09-30"))) {
    ///     print(state.budget, BalanceReport.totals(of: state).remaining)
    /// }
    /// ```
    public func budgetStates(view: ViewFilter = ViewFilter()) throws -> [BudgetState] {
        try snapshot { try $0.budgetStates(view: view) }
    }

    /// The budget's events that count in the view, in `seq` order, each with the state after
    /// it, from one read snapshot.
    public func audit(_ budget: String, view: ViewFilter = ViewFilter(), _ body: (AuditEntry) throws -> Void) throws {
        try snapshot { try $0.audit(budget, view: view, body) }
    }

    /// Every event with `seq` > `sinceSeq`, in order, as `export` writes it, from one read snapshot.
    public func export(sinceSeq: UInt64 = 0, _ body: (StoredEvent) throws -> Void) throws {
        try snapshot { snapshot in
            try snapshot.events(sinceSeq: sinceSeq) { try body($0); return true }
        }
    }

    /// Visits one budget's events in `seq` order (see `EventLookup.forEachEvent(ofBudget:_:)`).
    func forEachEvent(ofBudget budget: String, in txn: borrowing some ReadableTransaction & ~Copyable,
                      _ body: (StoredEvent, (String) throws -> (Event, Envelope)?) throws -> Bool) throws {
        try EventLookup(reader: TransactionReader(txn), databases: databases).forEachEvent(ofBudget: budget) { stored, resolve in
            noteMapStep()
            // Both closures are the caller's and live through this call only.
            return try withoutActuallyEscaping(resolve) { try body(stored, $0) }
        }
    }

    /// Folds every event of the ledger, per budget, in `seq` order (see `FoldPass`).
    /// `onReversal` is told of each reversal (its seq, the id it reverses), in seq order.
    ///
    /// A large log is folded by two threads, each scanning every event in its own read snapshot
    /// but folding only its half of the budgets. The helper's snapshot may be younger than `txn`
    /// (another process may post in between), so it stops at `txn`'s last seq: events are only
    /// ever appended, so both threads then fold the same events, and the answer is `txn`'s. A
    /// snapshot that cannot be had at once (see `readWithoutWaiting`) leaves the second half to
    /// this thread, afterwards.
    func foldAll(view: ViewFilter, in txn: borrowing some ReadableTransaction & ~Copyable,
                 progress: ((UInt64) -> Void)?,
                 onReversal: ((_ seq: UInt64, _ reverses: String) throws -> Void)? = nil) throws -> (folds: [String: BudgetFold], events: UInt64) {
        let lookup = try EventLookup(reader: TransactionReader(txn), databases: databases)
        let lastSeq = lookup.visibleThrough
        let partitions = view.knownAt == nil && lastSeq >= Ledger.parallelFoldMinimum ? 2 : 1
        let helper = partitions == 2 ? try SnapshotHelper(ledger: self) { [self] in try helperFold(view: view, throughSeq: lastSeq, in: $0) } : nil
        var passes = [FoldPass(view: view, partition: 0, of: partitions)]
        var count: UInt64 = 0
        var steps = MapStepBatch(self)
        defer { steps.flush() }
        do {
            try txn.forEach(databases.events) { key, value in
                guard ByteReader.seq(key) <= lastSeq else { return false }
                try passes[0].visit(key: key, value: value, lookup: lookup)
                count += 1
                if let progress, count % UInt64(Ledger.progressInterval) == 0 { progress(count) }
                steps.note()
                return true
            }
        } catch {
            _ = try? helper?.finish()
            throw error
        }
        if let helper {
            passes.append(try helper.finish() ?? helperFold(view: view, throughSeq: lastSeq, in: txn))
        }
        if let onReversal {
            for reversal in passes.flatMap(\.reversals).sorted(by: { $0.seq < $1.seq }) { try onReversal(reversal.seq, reversal.reverses) }
        }
        return (passes.reduce(into: [:]) { $0.merge($1.table.byBudget) { first, _ in first } }, count)
    }

    /// The second half of a parallel fold, the budgets of partition 1 of 2 over the events up
    /// to `lastSeq`: on the helper's thread, or on this one when the helper had no snapshot.
    private func helperFold(view: ViewFilter, throughSeq lastSeq: UInt64,
                            in txn: borrowing some ReadableTransaction & ~Copyable) throws -> FoldPass {
        let lookup = EventLookup(reader: TransactionReader(txn), databases: databases, visibleThrough: lastSeq)
        var pass = FoldPass(view: view, partition: 1, of: 2)
        var steps = MapStepBatch(self)
        defer { steps.flush() }
        try txn.forEach(databases.events) { key, value in
            guard ByteReader.seq(key) <= lastSeq else { return false }
            try pass.visit(key: key, value: value, lookup: lookup)
            steps.note()
            return true
        }
        return pass
    }

    /// Below this many events one thread folds them all: starting a second costs more.
    static let parallelFoldMinimum: UInt64 = 20_000
}
