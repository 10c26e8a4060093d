import LMDB
import LedgerDomain

/// The ledger as the rules see it during one write transaction: LMDB for what is committed or
/// already appended in this transaction, plus the budget projections changed so far, which are
/// written once at the end of the batch rather than after every event.
final class PostingContext: LedgerLookup {
    let lookup: EventLookup
    private(set) var changedBudgets: [String: BudgetState] = [:]

    init(lookup: EventLookup) { self.lookup = lookup }

    func budgetState(_ budget: String) throws -> BudgetState? {
        if let changed = changedBudgets[budget] { return changed }
        return try lookup.reader.withValue(lookup.databases.budgets, key: Array(budget.utf8)) { bytes in
            try BudgetStateCodec.decode(Array(bytes))
        }
    }

    func recordedEvent(id: String) throws -> RecordedEvent? {
        guard let stored = try lookup.storedEvent(id: id) else { return nil }
        return RecordedEvent(seq: stored.envelope.seq, event: stored.event, isReversed: try lookup.isReversed(seq: stored.envelope.seq))
    }

    func record(_ state: BudgetState) { changedBudgets[state.budget] = state }
}
