import LMDB
import LedgerDomain

/// The budget projections one write transaction works on. Each is read from LMDB the first
/// time the batch names its budget, changed in place by the batch's events (never copied per
/// event: a copy would duplicate its dated totals), and written back once when the batch ends:
/// the head, and only the dated totals and commitments that differ from what was read.
struct BudgetStateCache {
    private var slots: [String: Int] = [:]
    /// nil: no such budget (yet); a `budget_opened` later in the batch fills it.
    private var states: [BudgetState?] = []
    /// As read at the start of the batch: what the writes are measured against.
    private var originals: [BudgetState?] = []
    private var changed: [Bool] = []
    /// The changed slots, in the order they first changed: what a write-back visits.
    private var changedSlots: [Int] = []
    /// Projections known to be exactly what the ledger stores (`ProjectionCarry`): taken instead
    /// of reading them.
    private let known: [String: BudgetState]

    init(known: [String: BudgetState] = [:]) {
        self.known = known
    }

    /// The slot of `budget`'s projection, reading it on first use.
    mutating func slot(of budget: String, in txn: borrowing some ReadableTransaction & ~Copyable,
                       databases: LedgerDatabases) throws -> Int {
        if let slot = slots[budget] { return slot }
        let stored = try known[budget] ?? ProjectionEntries.load(budget, in: txn, databases: databases)
        states.append(stored)
        originals.append(stored)
        changed.append(false)
        slots[budget] = states.count - 1
        return states.count - 1
    }

    /// Runs `body` on the projection in place.
    mutating func update<R>(_ slot: Int, _ body: (inout BudgetState?) throws -> R) rethrows -> R {
        try body(&states[slot])
    }

    /// The number of events applied to the projection (the version of its latest event).
    func version(_ slot: Int) -> UInt64 { states[slot]?.version ?? 0 }

    mutating func markChanged(_ slot: Int) {
        if !changed[slot] { changedSlots.append(slot) }
        changed[slot] = true
    }

    /// The projections the batch changed, as they stand now: with the ones it only read, what
    /// the ledger stores once the batch commits.
    var changedStates: [String: BudgetState] {
        var states: [String: BudgetState] = [:]
        states.reserveCapacity(changedSlots.count)
        for slot in changedSlots {
            if let state = self.states[slot] { states[state.budget] = state }
        }
        return states
    }

    /// Writes what changed in every changed projection back.
    func writeChanged(in txn: borrowing WriteTransaction, databases: LedgerDatabases, afterEach: () -> Void) throws {
        for slot in changedSlots {
            guard let state = states[slot] else { continue }
            try ProjectionEntries.write(state, over: originals[slot], in: txn, databases: databases)
            afterEach()
        }
    }
}
