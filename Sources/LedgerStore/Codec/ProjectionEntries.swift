import LMDB
import LedgerDomain

/// The parts of a budget's projection that grow with its history, stored as small entries of
/// their own (format 2) so that a batch writes only the few its events touched, never the whole:
///
/// - `dated_totals`: budget id, 0, window (the date's days since 1970 divided by 32, as a
///   sign-flipped big-endian u32, so windows sort), pot code, series (0 held changes, 1
///   payments) → the window's dates in order, each as days i32, count i64, amount i64. At most
///   32 dates a value (640 bytes, never an overflow page): a batch rewrites the few windows its
///   events fell in, and a balance read gathers a year of dates from a dozen values per series,
///   not hundreds. The window comes before pot and series (format 4) so that the values a
///   commit rewrites (each pot's and series' latest window) lie side by side, mostly on one
///   page: with pot and series first they lay a year of windows apart, on more pages (the
///   bench's bulk run wrote 8.8 % more);
/// - `commitments`: budget id, 0, commitment id → open amount i64.
///
/// Every key starts with the budget id and a 0 byte (`LedgerDatabases.budgetEntryPrefix`), so
/// that one budget's entries are one contiguous range and a budget id never prefixes another's.
enum ProjectionEntries {
    static let heldSeries: UInt8 = 0
    static let paymentSeries: UInt8 = 1

    /// Dates fall into windows of this many days; each window is one value.
    static let windowDays: Int32 = 32

    static func window(of date: CalendarDate) -> Int32 {
        date.daysSinceEpoch >= 0 ? date.daysSinceEpoch / windowDays : (date.daysSinceEpoch + 1) / windowDays - 1
    }

    static func datedKey(budget: String, pot: UInt8, series: UInt8, window: Int32) -> [UInt8] {
        var writer = ByteWriter(capacity: budget.utf8.count + 7)
        writer.raw(budget.utf8)
        writer.uint8(0)
        writer.uint32(UInt32(bitPattern: window) ^ 0x8000_0000)
        writer.uint8(pot)
        writer.uint8(series)
        return writer.bytes
    }

    static func datedValue(_ entries: ArraySlice<DatedTotals.Entry>) -> [UInt8] {
        var writer = ByteWriter(capacity: 20 * entries.count)
        for entry in entries {
            writer.int32(entry.date.daysSinceEpoch)
            writer.int64(entry.count)
            writer.int64(entry.amount.pence)
        }
        return writer.bytes
    }

    /// The end of the run of `entries` from `start` that falls in the window of `entries[start]`.
    private static func windowEnd(_ entries: [DatedTotals.Entry], from start: Int) -> Int {
        let window = window(of: entries[start].date)
        var end = start + 1
        while end < entries.count, Self.window(of: entries[end].date) == window { end += 1 }
        return end
    }

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

    /// The series of a pot, by series code.
    private static func series(_ code: UInt8, of pot: PotBalances) -> DatedTotals {
        code == heldSeries ? pot.heldChanges : pot.payments
    }

    // MARK: - Whole projections (replay, verify)

    /// Every dated-totals value of `state`, by pot, series and window (callers put them in key
    /// order, window first).
    static func datedEntries(of state: BudgetState) -> [(key: [UInt8], value: [UInt8])] {
        var values: [(key: [UInt8], value: [UInt8])] = []
        for pot in state.pots {
            for code in [heldSeries, paymentSeries] {
                let entries = series(code, of: pot).entries
                var start = 0
                while start < entries.count {
                    let end = windowEnd(entries, from: start)
                    values.append((datedKey(budget: state.budget, pot: BudgetStateCodec.potCode(pot.pot), series: code,
                                            window: window(of: entries[start].date)),
                                   datedValue(entries[start..<end])))
                    start = end
                }
            }
        }
        return values
    }

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

    /// A budget's whole projection: its head, dated totals and commitments; nil when the budget
    /// does not exist.
    static func load(_ budget: String, in txn: borrowing some ReadableTransaction & ~Copyable,
                     databases: LedgerDatabases) throws -> BudgetState? {
        guard var state = try txn.withValue(databases.budgets, key: Array(budget.utf8), { try BudgetStateCodec.decode($0) }) else {
            return nil
        }
        let prefix = LedgerDatabases.budgetEntryPrefix(budget)
        var held = Array(repeating: [DatedTotals.Entry](), count: state.pots.count)
        var payments = held
        try txn.forEach(databases.datedTotals, from: prefix) { key, value in
            guard key.starts(with: prefix) else { return false }
            guard key.count == prefix.count + 6, value.count > 0, value.count % 20 == 0 else {
                throw StoreError.damaged("dated totals of budget \(budget) are malformed")
            }
            var reader = ByteReader(UnsafeRawBufferPointer(rebasing: key[(prefix.count + 4)...]))  // after the window
            let pot = try BudgetStateCodec.element(of: BudgetStateCodec.potOrder, at: reader.uint8())
            let code = try reader.uint8()
            guard let index = state.index(of: pot), code <= paymentSeries else {
                throw StoreError.damaged("budget \(budget) has dated totals for a pot or series it does not have")
            }
            var entries = ByteReader(value)
            while !entries.isAtEnd {
                let entry = DatedTotals.Entry(date: CalendarDate(daysSinceEpoch: try entries.int32()), count: try entries.int64(),
                                              amount: Money(pence: try entries.int64()))
                // Sorted across windows too, so the totals' order is checked here, not trusted.
                let previous = code == heldSeries ? held[index].last : payments[index].last
                if let previous, previous.date >= entry.date { throw StoreError.damaged("stored dated totals of budget \(budget) are out of order") }
                if code == heldSeries { held[index].append(entry) } else { payments[index].append(entry) }
            }
            return true
        }
        for index in state.pots.indices {
            state.pots[index].heldChanges = DatedTotals(entries: held[index])
            state.pots[index].payments = DatedTotals(entries: payments[index])
        }
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
    /// budget opened since) holds: the head, and only the dated totals and commitments that
    /// differ. A batch's write cost thus follows what its events touched, not the history.
    static func write(_ state: BudgetState, over original: BudgetState?, in txn: borrowing WriteTransaction,
                      databases: LedgerDatabases) throws {
        try txn.put(databases.budgets, key: Array(state.budget.utf8), value: BudgetStateCodec.encode(state))
        for (index, pot) in state.pots.enumerated() {
            let before = original?.pots[index]
            let code = BudgetStateCodec.potCode(pot.pot)
            try writeChanges(from: before?.heldChanges.entries ?? [], to: pot.heldChanges.entries,
                             budget: state.budget, pot: code, series: heldSeries, in: txn, databases: databases)
            try writeChanges(from: before?.payments.entries ?? [], to: pot.payments.entries,
                             budget: state.budget, pot: code, series: paymentSeries, in: txn, databases: databases)
        }
        for (commitment, open) in state.commitments where original?.commitments[commitment] != open {
            try txn.put(databases.commitments, key: commitmentKey(budget: state.budget, commitment: commitment), value: commitmentValue(open))
        }
        for commitment in original?.commitments.keys ?? [:].keys where state.commitments[commitment] == nil {
            _ = try txn.delete(databases.commitments, key: commitmentKey(budget: state.budget, commitment: commitment))
        }
    }

    /// Walks two date-sorted series window by window, writing the windows that differ and
    /// deleting the ones gone.
    private static func writeChanges(from old: [DatedTotals.Entry], to new: [DatedTotals.Entry], budget: String, pot: UInt8,
                                     series: UInt8, in txn: borrowing WriteTransaction, databases: LedgerDatabases) throws {
        // The windows wholly before the first entry that differs are the same in both: start at
        // the window of that entry, so that the walk follows what changed, not the history.
        var common = 0
        while common < old.count, common < new.count, old[common] == new[common] { common += 1 }
        if common == old.count && common == new.count { return }
        let first = min(common < old.count ? window(of: old[common].date) : .max, common < new.count ? window(of: new[common].date) : .max)
        while common > 0, window(of: new[common - 1].date) >= first { common -= 1 }
        var oldStart = common, newStart = common
        while oldStart < old.count || newStart < new.count {
            let oldWindow = oldStart < old.count ? window(of: old[oldStart].date) : .max
            let newWindow = newStart < new.count ? window(of: new[newStart].date) : .max
            let current = min(oldWindow, newWindow)
            let oldEnd = oldWindow == current ? windowEnd(old, from: oldStart) : oldStart
            let newEnd = newWindow == current ? windowEnd(new, from: newStart) : newStart
            // The key is built only for a window that changed: most of a year's windows did not.
            if newEnd == newStart {
                _ = try txn.delete(databases.datedTotals, key: datedKey(budget: budget, pot: pot, series: series, window: current))
            } else if !old[oldStart..<oldEnd].elementsEqual(new[newStart..<newEnd]) {
                try txn.put(databases.datedTotals, key: datedKey(budget: budget, pot: pot, series: series, window: current),
                            value: datedValue(new[newStart..<newEnd]))
            }
            oldStart = oldEnd
            newStart = newEnd
        }
    }
}
