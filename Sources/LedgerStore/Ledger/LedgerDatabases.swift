import LMDB

/// The named LMDB databases of a ledger and what each holds.
struct LedgerDatabases {
    /// `format` (u32), `currency`, `tip` (seq u64, recorded_at ms i64, hash 32 bytes).
    let meta: Database
    /// seq (u64 big-endian) → 32-byte hash + canonical event bytes. Append-only.
    let events: Database
    /// event id → seq: idempotency and reversal lookups.
    let eventIDs: Database
    /// budget id + 0x00 + seq → empty: a budget's events in order.
    let budgetEvents: Database
    /// budget id → the head of its projection (`BudgetStateCodec`): fixed-size per budget.
    let budgets: Database
    /// budget id + 0 + pot + series + date → count, amount (`ProjectionEntries`).
    let datedTotals: Database
    /// budget id + 0 + commitment id → open amount (`ProjectionEntries`).
    let commitments: Database
    /// reversed seq → the seq of the reversal.
    let reversals: Database
    /// seq (u64 big-endian) → the event's money effect (`MoneyEffect`), written with the event.
    let effects: Database

    static let names = ["meta", "events", "event_ids", "budget_events", "budgets", "dated_totals", "commitments", "reversals", "effects"]

    /// Every database, in the order of `names`.
    var all: [Database] { [meta, events, eventIDs, budgetEvents, budgets, datedTotals, commitments, reversals, effects] }

    init(environment: Environment, create: Bool) throws {
        meta = try environment.openDatabase("meta", create: create)
        events = try environment.openDatabase("events", create: create)
        eventIDs = try environment.openDatabase("event_ids", create: create)
        budgetEvents = try environment.openDatabase("budget_events", create: create)
        budgets = try environment.openDatabase("budgets", create: create)
        datedTotals = try environment.openDatabase("dated_totals", create: create)
        commitments = try environment.openDatabase("commitments", create: create)
        reversals = try environment.openDatabase("reversals", create: create)
        effects = try environment.openDatabase("effects", create: create)
    }

    static func budgetEventKey(budget: String, seq: UInt64) -> [UInt8] {
        var writer = ByteWriter(capacity: budget.utf8.count + 9)
        writer.raw(budget.utf8)
        writer.uint8(0)
        writer.uint64(seq)
        return writer.bytes
    }

    static func budgetEventPrefix(_ budget: String) -> [UInt8] { Array(budget.utf8) + [0] }
}
