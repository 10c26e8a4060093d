/// A recurring transfer (SPEC 9 `schedule_set`, `schedule_ended`): each `schedule_set` starts a
/// segment that runs up to the day before the next one's `first`.
public struct Schedule: Equatable, Sendable {
    public struct Segment: Equatable, Sendable {
        public let first: CalendarDate
        public let amount: Money
        public let every: ScheduleFrequency
        public let last: CalendarDate?

        public init(first: CalendarDate, amount: Money, every: ScheduleFrequency, last: CalendarDate?) {
            self.first = first
            self.amount = amount
            self.every = every
            self.last = last
        }
    }

    public let name: String
    public let kind: ScheduleKind
    /// Required for a third-party schedule, nil for direct payments; never changes.
    public let organisation: String?
    /// In `seq` order, each `first` after the previous one's.
    public private(set) var segments: [Segment]
    /// The `last` of the latest `schedule_ended` (by seq); a later `schedule_set` does not lift it.
    public var endedLast: CalendarDate?

    public init(name: String, kind: ScheduleKind, organisation: String?, first segment: Segment) {
        self.name = name
        self.kind = kind
        self.organisation = organisation
        self.segments = [segment]
    }

    /// Adds the segment of a later `schedule_set`; the posting rules have checked its `first`.
    public mutating func amend(with segment: Segment) {
        assert(segment.first > segments[segments.count - 1].first, "a later schedule_set starts later")
        segments.append(segment)
    }

    /// The date after which no instalment falls: the earliest of the latest set's `last`,
    /// `endedLast` and the budget's `period_end`.
    public func cap(periodEnd: CalendarDate) -> CalendarDate {
        var cap = periodEnd
        if let last = segments[segments.count - 1].last { cap = min(cap, last) }
        if let endedLast { cap = min(cap, endedLast) }
        return cap
    }

    /// Every instalment dated on or before `through` (and the cap), in date order.
    public func instalments(through: CalendarDate, periodEnd: CalendarDate) -> [(date: CalendarDate, amount: Money)] {
        let end = min(through, cap(periodEnd: periodEnd))
        var result: [(date: CalendarDate, amount: Money)] = []
        for (index, segment) in segments.enumerated() {
            let segmentEnd = index + 1 < segments.count ? min(end, segments[index + 1].first.adding(days: -1)) : end
            var count = 0
            // Bounded: dates grow by at least 7 days or a month per step, and stop at `segmentEnd`.
            while let date = segment.every.instalment(count, from: segment.first), date <= segmentEnd {
                result.append((date, segment.amount))
                count += 1
            }
        }
        return result
    }

    /// SPEC 9: the id of the instalment on `date`, which makes posting it twice a duplicate.
    public static func instalmentID(budget: String, schedule: String, date: CalendarDate) -> String {
        "schedule:\(budget):\(schedule):\(date)"
    }
}
