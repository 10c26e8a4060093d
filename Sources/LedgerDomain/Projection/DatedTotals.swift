/// Counts and sums kept per calendar date, sorted by date, so that "on or before D" and
/// "after D" questions are answered from the projection without re-reading events.
/// A budget spans about a year, so this holds at most a few hundred entries.
public struct DatedTotals: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var date: CalendarDate
        public var count: Int64
        public var amount: Money

        public init(date: CalendarDate, count: Int64, amount: Money) {
            self.date = date
            self.count = count
            self.amount = amount
        }
    }

    public private(set) var entries: [Entry] = []
    /// False for totals a projection does not keep (`notKept`): adding to them does nothing.
    public private(set) var isKept = true

    public init(entries: [Entry] = []) {
        precondition(zip(entries, entries.dropFirst()).allSatisfy { $0.date < $1.date }, "entries must be sorted by date")
        self.entries = entries
    }

    /// Totals that are not kept: `add` does nothing and `canAdd` always holds, and nothing may
    /// read them. A writer that holds a budget's projection without its dated totals (the
    /// ledger does not store them) uses these until a reconciliation needs them whole, rather
    /// than growing a partial set on every event that nobody reads.
    public static var notKept: DatedTotals {
        var totals = DatedTotals()
        totals.isKept = false
        return totals
    }

    /// Whether some date's total could fail to fit 64-bit pence when an event is added to a
    /// budget that holds `events` events: each event adds at most one event amount to a date's
    /// total, so below about 9.2 million events (`Money.eventAmountMax` each) none can. A
    /// projection kept without its dated totals (the ledger does not store them) takes any event
    /// short of that exactly as the whole projection would: `canAdd` holds for both.
    public static func addMayOverflow(afterEvents events: UInt64) -> Bool {
        // With this event, at most events + 1 amounts are in any date's total.
        events >= UInt64(Int64.max) / UInt64(Money.eventAmountMax.pence)
    }

    /// Whether `add` of `amount` on `date` fits: that date's total stays within 64-bit pence.
    public func canAdd(_ amount: Money, on date: CalendarDate) -> Bool {
        guard isKept else { return true }
        let index = firstIndex(notBefore: date)
        guard index < entries.count, entries[index].date == date else { return true }
        return entries[index].amount.adding(amount) != nil
    }

    /// Adds to the totals of `date`; an entry that returns to nothing is removed, so that the
    /// projection of a history does not depend on what was later reversed. The caller has
    /// checked `canAdd`, so that a projection is changed only once every part of a change fits.
    public mutating func add(count: Int64, amount: Money, on date: CalendarDate) {
        guard isKept else { return }
        let index = firstIndex(notBefore: date)
        if index < entries.count, entries[index].date == date {
            guard let sum = entries[index].amount.adding(amount) else { preconditionFailure("DatedTotals.add without canAdd") }
            entries[index].amount = sum
            entries[index].count += count
            if entries[index].count == 0, sum == .zero { entries.remove(at: index) }
        } else {
            entries.insert(Entry(date: date, count: count, amount: amount), at: index)
        }
    }

    /// Totals of the entries dated on or before `date`.
    public func total(through date: CalendarDate) -> (count: Int64, amount: Money) {
        assert(isKept, "dated totals that are not kept are never read")
        return sum(entries[..<firstIndex(notBefore: date.adding(days: 1))])
    }

    /// Totals of the entries dated after `date` (all of them when `date` is nil).
    public func total(after date: CalendarDate?) -> (count: Int64, amount: Money) {
        assert(isKept, "dated totals that are not kept are never read")
        guard let date else { return sum(entries[...]) }
        return sum(entries[firstIndex(notBefore: date.adding(days: 1))...])
    }

    private func sum(_ slice: ArraySlice<Entry>) -> (count: Int64, amount: Money) {
        var count: Int64 = 0
        var pence: Int64 = 0
        for entry in slice {
            count += entry.count
            pence = pence &+ entry.amount.pence  // bounded: each entry is a checked sum of accepted amounts
        }
        return (count, Money(pence: pence))
    }

    private func firstIndex(notBefore date: CalendarDate) -> Int {
        // Events mostly come in date order: a date at or after the last entry's is found without
        // a search (each posted and each replayed event asks twice: `canAdd`, then `add`).
        guard let last = entries.last, last.date >= date else { return entries.count }
        if last.date == date { return entries.count - 1 }
        var low = 0, high = entries.count - 1
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].date < date { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

public enum ProjectionError: Error, Equatable, Sendable {
    /// A total would exceed what 64-bit pence can hold.
    case overflow
}
