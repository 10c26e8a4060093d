import LMDB
import LedgerDomain

/// One consistent state of the ledger: every read made through a snapshot sees the same events,
/// whatever other threads or processes post meanwhile.
///
/// A snapshot is one LMDB transaction. It exists only inside the closure of
/// ``Ledger/snapshot(_:)`` (a read transaction) or of ``Ledger/computeAndPost(mode:clock:_:)``
/// (the write transaction the computed events are then posted in); being `~Copyable` and
/// borrowed, it cannot escape that closure. Answers that combine several reads (a digest, a
/// report over two dates, a reconciliation) are computed from one snapshot so that they describe
/// one state of the ledger.
///
/// ```swift
/// let (states, lastSeq) = try ledger.snapshot { snapshot in
///     (try snapshot.budgetStates(), try snapshot.lastSeq())
/// }
/// ```
public struct LedgerSnapshot: ~Copyable {
    let ledger: Ledger
    let reader: TransactionReader

    // Not inlined: Swift 6.3.1's optimizer aborts ("Cannot initialize a nonCopyable type with a
    // guaranteed value") when it inlines this into a specialized `Ledger.snapshot` in -O builds.
    @inline(never)
    init(ledger: Ledger, transaction: borrowing some ReadableTransaction & ~Copyable) {
        self.ledger = ledger
        reader = TransactionReader(transaction)
    }

    /// The seq of the last event recorded in this snapshot (0 when there is none).
    public func lastSeq() throws -> UInt64 { try ledger.tip(in: reader).seq }

    /// The chain hash of event `seq` (32 zero bytes for seq 0); nil when `seq` is beyond the last event.
    /// - Throws: `StoreError.damagedEvent` when an event the chain tip counts is missing.
    public func chainHash(atSeq seq: UInt64) throws -> [UInt8]? {
        guard seq > 0 else { return ChainTip.genesisHash }
        guard seq <= (try lastSeq()) else { return nil }
        guard let stored = try EventLookup(reader: reader, databases: ledger.databases).storedEvent(seq: seq) else {
            throw StoreError.damagedEvent(seq: seq, detail: "the event is missing")
        }
        precondition(stored.hash.count == StoredEvent.hashLength, "a stored chain hash is a SHA-256")
        return stored.hash
    }

    /// Whether an event with this id is recorded.
    public func isRecorded(eventID: String) throws -> Bool {
        guard EventDecoder.isIdentifier(eventID) else { return false }
        return try EventLookup(reader: reader, databases: ledger.databases).seq(ofID: eventID) != nil
    }

    /// One budget's whole projection in a view, its dated totals and commitments included; nil
    /// when the budget does not exist in it. Folded from the budget's events, in the current
    /// view too (the ledger does not store the dated totals): a budget's few hundred events. For
    /// the balance figures alone, ``budgetBalances(_:view:)`` reads one stored value.
    public func budgetState(_ budget: String, view: ViewFilter = ViewFilter()) throws -> BudgetState? {
        // Text that cannot be an id (empty, say, which LMDB refuses as a key) names no budget.
        guard EventDecoder.isIdentifier(budget) else { return nil }
        var fold = BudgetFold(filter: view)
        try ledger.forEachEvent(ofBudget: budget, in: reader) { stored, resolve in
            try fold.apply(stored.event, stored.envelope, target: resolve)
            return true
        }
        return fold.state
    }

    /// One budget's balances in a view (SPEC 3, 6.2): the projection with every figure `balance`
    /// shows, but, in the current view, without its dated totals and commitments (empty; their
    /// balance figures, `unreconciled` and `openCommitmentCount`, are filled), read in one LMDB
    /// get. Any other view is folded from the events, in full. Nil when the budget does not exist
    /// in the view. Use ``budgetState(_:view:)`` for anything that needs dates or commitments.
    public func budgetBalances(_ budget: String, view: ViewFilter = ViewFilter()) throws -> BudgetState? {
        guard view.isEverything else { return try budgetState(budget, view: view) }
        guard EventDecoder.isIdentifier(budget) else { return nil }
        return try ProjectionEntries.loadHead(budget, in: reader, databases: ledger.databases)
    }

    /// Every budget's balances in the view, ordered by budget id in byte order (SPEC 6.2); in
    /// the current view as ``budgetBalances(_:view:)`` reads them, one value per budget.
    public func allBudgetBalances(view: ViewFilter = ViewFilter()) throws -> [BudgetState] {
        guard view.isEverything else { return try budgetStates(view: view) }
        var states: [BudgetState] = []
        try reader.forEach(ledger.databases.budgets) { _, value in
            states.append(try BudgetStateCodec.decode(value))
            return true
        }
        return states
    }

    /// Every budget's whole projection in the view, ordered by budget id in byte order (SPEC
    /// 6.2): every event folded, in the current view too (see ``budgetState(_:view:)``). For the
    /// balance figures alone, ``allBudgetBalances(view:)`` reads one stored value a budget.
    public func budgetStates(view: ViewFilter = ViewFilter()) throws -> [BudgetState] {
        let folds = try ledger.foldAll(view: view, in: reader, progress: nil).folds
        return folds.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.compactMap { folds[$0]?.state }
    }

    /// The budget's events that count in the view, in `seq` order, each with the state after it.
    public func audit(_ budget: String, view: ViewFilter = ViewFilter(), _ body: (AuditEntry) throws -> Void) throws {
        var fold = BudgetFold(filter: view)
        try ledger.forEachEvent(ofBudget: budget, in: reader) { stored, resolve in
            if try fold.apply(stored.event, stored.envelope, target: resolve), let state = fold.state {
                try body(AuditEntry(stored: stored, stateAfter: state))
            }
            return true
        }
    }

    /// Events with `seq` > `sinceSeq`, in order, as `export` writes them, until `body` returns false.
    public func events(sinceSeq: UInt64 = 0, _ body: (StoredEvent) throws -> Bool) throws {
        let lastSeq = try lastSeq()
        try reader.forEach(ledger.databases.events, from: ByteWriter.key(seq: sinceSeq + 1)) { key, value in
            guard ByteReader.seq(key) <= lastSeq else { return false }
            ledger.noteMapStep()
            return try body(try StoredEvent(storedValue: value))
        }
    }

    /// A budget's projection and one pot's history: the movements a statement is matched
    /// against and the `expected` held computed from the projection describe the same events.
    /// Nil when there is no such budget.
    public func potHistory(budget: String, pot: Pot) throws -> (state: BudgetState, history: PotHistory)? {
        guard let state = try budgetState(budget) else { return nil }
        var events: [(event: Event, seq: UInt64)] = []
        events.reserveCapacity(Int(state.version))
        try ledger.forEachEvent(ofBudget: budget, in: reader) { stored, _ in
            events.append((stored.event, stored.envelope.seq))
            return true
        }
        precondition(UInt64(events.count) == state.version, "the projection's version counts the budget's events")
        return (state, PotHistory(pot: pot, state: state, events: events))
    }
}

extension Ledger {
    /// Runs `body` in one read snapshot of the ledger and returns what it computes.
    ///
    /// Keep the closure short: a long-lived snapshot keeps LMDB from reusing the pages that
    /// later posts free. Copy out whatever must outlive it (the snapshot's answers are copies).
    ///
    /// ```swift
    /// let ledger = try Ledger.open(at: "ledger-data", readOnly: true)
    /// let remaining = try ledger.snapshot { snapshot in
    ///     try snapshot.budgetState("PHB-0005").map { BalanceReport.totals(of: $0).remaining }
    /// }
    /// ```
    public func snapshot<R>(_ body: (borrowing LedgerSnapshot) throws -> R) throws -> R {
        try read { txn in try body(LedgerSnapshot(ledger: self, transaction: txn)) }
    }
}
