import LMDB
import LedgerDomain

/// The budget projections one write transaction works on. Each is read from LMDB the first
/// time the batch names its budget, changed in place by the batch's events (never copied per
/// event), and written back once when the batch ends: the head, and only the commitments that
/// differ from what was read.
///
/// The ledger does not store a budget's dated totals (format 5), so a projection read here has
/// none, and holds them as not kept (`DatedTotals.notKept`) while the batch's events apply.
/// Only a reconciliation reads them (`Projector.readsDatedTotals`): before one is applied, its
/// budget's dated totals are folded from its events (`completeDatedTotals`), and kept whole
/// from then on, across the commits of one writer too (`KeptProjection`, `ProjectionCarry`).
/// A budget opened by the writer keeps them whole from its opening: folding them at its first
/// reconciliation cost more than keeping them (`post` of the bench's year, a reconciliation
/// about a month: 1.06 × the time), though a year with no reconciliation posts in 0.86 ×.
struct BudgetStateCache {
    private var slots: [String: Int] = [:]
    /// nil: no such budget (yet); a `budget_opened` later in the batch fills it.
    private var states: [BudgetState?] = []
    /// As read at the start of the batch: what the writes are measured against.
    private var originals: [BudgetState?] = []
    private var changed: [Bool] = []
    /// Whether the slot's dated totals count every event of its budget: a budget opened in this
    /// batch, or one whose totals were folded here or carried whole. Not one read.
    private var datedTotalsComplete: [Bool] = []
    /// The changed slots, in the order they first changed: what a write-back visits.
    private var changedSlots: [Int] = []
    /// Projections known to be what the ledger stores (`ProjectionCarry`): taken instead of
    /// reading them.
    private let known: [String: KeptProjection]

    init(known: [String: KeptProjection] = [:]) {
        self.known = known
    }

    /// The slot of `budget`'s projection, reading it on first use.
    mutating func slot(of budget: String, in txn: borrowing some ReadableTransaction & ~Copyable,
                       databases: LedgerDatabases) throws -> Int {
        if let slot = slots[budget] { return slot }
        let kept = known[budget]
        let stored = try kept?.state ?? ProjectionEntries.loadStored(budget, in: txn, databases: databases)
        // nil: any projection is opened in this batch, from no events, and keeps its totals
        // whole from its opening.
        let complete = stored == nil || kept?.datedTotalsComplete == true
        var working = stored
        if !complete { working?.stopKeepingDatedTotals() }
        states.append(working)
        originals.append(stored)
        changed.append(false)
        datedTotalsComplete.append(complete)
        slots[budget] = states.count - 1
        return states.count - 1
    }

    /// Runs `body` on the projection in place.
    mutating func update<R>(_ slot: Int, _ body: (inout BudgetState?) throws -> R) rethrows -> R {
        try body(&states[slot])
    }

    /// The number of events applied to the projection (the version of its latest event).
    func version(_ slot: Int) -> UInt64 { states[slot]?.version ?? 0 }

    /// Gives the slot's projection its whole dated totals, from `fold` (the budget's projection
    /// folded from all its events so far, this batch's included), unless it has them already.
    mutating func completeDatedTotals(_ slot: Int, fold: () throws -> BudgetState?) throws {
        guard !datedTotalsComplete[slot], var state = states[slot] else { return }
        let damaged = StoreError.damaged("budget \(state.budget): its stored projection differs from a fold of its events (`budget-ledger verify` names what differs, `replay` rebuilds it)")
        guard let folded = try fold(), folded.pots.count == state.pots.count else { throw damaged }
        for index in state.pots.indices {
            state.pots[index].heldChanges = folded.pots[index].heldChanges
            state.pots[index].payments = folded.pots[index].payments
        }
        // The fold and the stored projection count the same events, so they must agree in every
        // other figure; a reconciliation is never recorded against a projection that does not.
        guard state == folded else { throw damaged }
        states[slot] = state
        datedTotalsComplete[slot] = true
    }

    mutating func markChanged(_ slot: Int) {
        if !changed[slot] { changedSlots.append(slot) }
        changed[slot] = true
    }

    /// The projections the batch changed, as the ledger stores them once the batch commits,
    /// with their dated totals where they are whole: with the ones it only read, what the
    /// ledger stores.
    var changedStates: [String: KeptProjection] {
        var states: [String: KeptProjection] = [:]
        states.reserveCapacity(changedSlots.count)
        for slot in changedSlots {
            guard let state = self.states[slot] else { continue }
            states[state.budget] = KeptProjection(state, datedTotalsComplete: datedTotalsComplete[slot])
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

/// A budget's projection as a writer keeps it from one commit to its next (`ProjectionCarry`):
/// what the ledger stores, and its dated totals when they count every event (folded, or from
/// its opening), which the ledger does not store. Partial dated totals are not kept.
struct KeptProjection: Equatable, Sendable {
    let state: BudgetState
    let datedTotalsComplete: Bool

    init(_ state: BudgetState, datedTotalsComplete: Bool) {
        var kept = state
        if !datedTotalsComplete { kept.removeDatedTotals() }
        self.state = kept
        self.datedTotalsComplete = datedTotalsComplete
    }
}
