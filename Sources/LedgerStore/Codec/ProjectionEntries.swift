import LMDB
import LedgerDomain

/// The part of a budget's projection that grows with its history and is stored: its
/// commitments, as small entries of their own (format 2) so that a batch writes only the few
/// its events touched, never the whole:
///
/// - `commitments`: budget id, 0, commitment id → open amount i64.
///
/// Every key starts with the budget id and a 0 byte (`LedgerDatabases.budgetEntryPrefix`), so
/// that one budget's entries are one contiguous range and a budget id never prefixes another's.
///
/// A budget's dated totals (its held changes and payments by date) are not stored (format 5):
/// only a reconciliation and reports ask for them, and they fold them from the budget's events
/// (`EventLookup.foldedState(of:)`, `LedgerSnapshot.budgetState`).
enum ProjectionEntries {
    static func commitmentKey(budget: String, commitment: String) -> [UInt8] {
        var writer = ByteWriter(capacity: budget.utf8.count + 1 + commitment.utf8.count)
        writer.raw(budget.utf8)
        writer.uint8(0)
        writer.raw(commitment.utf8)
        return writer.bytes
    }

    static func commitmentValue(_ open: Money) -> [UInt8] {
        var writer = ByteWriter(capacity: 8)
        writer.int64(open.pence)
        return writer.bytes
    }

    /// The budget id an entry key belongs to (the bytes before its first 0).
    static func budget(ofKey key: some Collection<UInt8>) -> String {
        String(decoding: key.prefix { $0 != 0 }, as: UTF8.self)
    }

    // MARK: - Whole projections (replay, verify)

    /// Every commitment entry of `state`.
    static func commitmentEntries(of state: BudgetState) -> [(key: [UInt8], value: [UInt8])] {
        state.commitments.map { (commitmentKey(budget: state.budget, commitment: $0.key), commitmentValue($0.value)) }
    }

    // MARK: - Reading

    /// A budget's projection head alone, in one get: every balance figure, with the dated totals
    /// and commitments left empty (their balance figures are in the head). Nil when the budget
    /// does not exist.
    static func loadHead(_ budget: String, in txn: borrowing some ReadableTransaction & ~Copyable,
                         databases: LedgerDatabases) throws -> BudgetState? {
        try txn.withValue(databases.budgets, key: Array(budget.utf8)) { try BudgetStateCodec.decode($0) }
    }

    /// What the ledger stores of a budget's projection: its head and its commitments, with the
    /// dated totals left empty (the writer's start: see `BudgetStateCache`). Nil when the budget
    /// does not exist.
    static func loadStored(_ budget: String, in txn: borrowing some ReadableTransaction & ~Copyable,
                           databases: LedgerDatabases) throws -> BudgetState? {
        guard var state = try txn.withValue(databases.budgets, key: Array(budget.utf8), { try BudgetStateCodec.decode($0) }) else {
            return nil
        }
        let prefix = LedgerDatabases.budgetEntryPrefix(budget)
        try txn.forEach(databases.commitments, from: prefix) { key, value in
            guard key.starts(with: prefix) else { return false }
            var reader = ByteReader(value)
            let open = Money(pence: try reader.int64())
            guard reader.isAtEnd else { throw StoreError.damaged("a commitment of budget \(budget) is malformed") }
            state.commitments[String(decoding: key[(key.startIndex + prefix.count)...], as: UTF8.self)] = open
            return true
        }
        return state
    }

    // MARK: - Writing

    /// Writes `state` over what `original` (the stored projection it started from; nil for a
    /// budget opened since) holds: the head, and only the commitments that differ. A batch's
    /// write cost thus follows what its events touched, not the history.
    static func write(_ state: BudgetState, over original: BudgetState?, in txn: borrowing WriteTransaction,
                      databases: LedgerDatabases) throws {
        try txn.put(databases.budgets, key: Array(state.budget.utf8), value: BudgetStateCodec.encode(state))
        for (commitment, open) in state.commitments where original?.commitments[commitment] != open {
            try txn.put(databases.commitments, key: commitmentKey(budget: state.budget, commitment: commitment), value: commitmentValue(open))
        }
        for commitment in original?.commitments.keys ?? [:].keys where state.commitments[commitment] == nil {
            _ = try txn.delete(databases.commitments, key: commitmentKey(budget: state.budget, commitment: commitment))
        }
    }
}
