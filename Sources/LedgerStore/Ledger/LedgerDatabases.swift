import LMDB

/// The named LMDB databases of a ledger and what each holds.
///
/// A class: the writer hands it to every event's lookups, and copying nine handles with their
/// names cost more retains per event than one reference does.
final class LedgerDatabases: Sendable {
    /// `format` (u32), `currency`, `tip` (seq u64, recorded_at ms i64, hash 32 bytes).
    let meta: Database
    /// seq (u64 big-endian) → 32-byte hash + canonical event bytes. Append-only.
    let events: Database
    /// event id → seq: idempotency and reversal lookups.
    let eventIDs: Database
    /// budget id → the seqs (u64 big-endian) of its events, in order, as sorted fixed-size
    /// duplicates (format 3): 8 bytes an event, packed per budget, so a commit of events of
    /// many budgets touches few pages here.
    let budgetEvents: Database
    /// budget id → the head of its projection (`BudgetStateCodec`): fixed-size per budget.
    let budgets: Database
    /// budget id + 0 + commitment id → open amount (`ProjectionEntries`).
    let commitments: Database
    /// reversed seq → the seq of the reversal.
    let reversals: Database
    /// seq (u64 big-endian) → the event's money effect (`MoneyEffect`), written with the event.
    let effects: Database

    static let names = ["meta", "events", "event_ids", "budget_seqs", "budgets", "commitments", "reversals", "effects"]

    /// Every database, in the order of `names`.
    var all: [Database] { [meta, events, eventIDs, budgetEvents, budgets, commitments, reversals, effects] }

    init(environment: Environment, create: Bool) throws {
        meta = try environment.openDatabase("meta", create: create)
        events = try environment.openDatabase("events", create: create)
        eventIDs = try environment.openDatabase("event_ids", create: create)
        budgetEvents = try environment.openFixedSizeDuplicatesDatabase("budget_seqs", create: create)
        budgets = try environment.openDatabase("budgets", create: create)
        commitments = try environment.openDatabase("commitments", create: create)
        reversals = try environment.openDatabase("reversals", create: create)
        effects = try environment.openDatabase("effects", create: create)
    }

    /// Formats 1 and 2 kept a budget's events as keys of their own (budget id, 0, seq → empty);
    /// `upgrade` moves them into `budget_seqs`.
    static let formerBudgetEventsName = "budget_events"

    /// Formats 2 to 4 stored each budget's dated totals (its held changes and payments by date)
    /// here; format 5 derives them from the budget's events when they are asked for, and
    /// `upgrade` empties this database.
    static let formerDatedTotalsName = "dated_totals"

    /// The start of every key of one budget's entries in `commitments`: the budget id and a 0
    /// byte, so that a budget id never prefixes another's.
    static func budgetEntryPrefix(_ budget: String) -> [UInt8] { Array(budget.utf8) + [0] }
}
