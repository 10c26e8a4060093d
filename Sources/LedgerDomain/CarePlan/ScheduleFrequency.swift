/// SPEC 9 `every`: how far apart the instalments of a schedule fall.
public enum ScheduleFrequency: String, CaseIterable, Sendable {
    case week
    case twoWeeks = "2_weeks"
    case fourWeeks = "4_weeks"
    case month
    case quarter

    /// The `index`-th instalment (0 is `first`): every 7, 14 or 28 days, or the same day of
    /// each following month or third month counted from `first`, clamped to the month's end.
    /// Nil past the calendar's end (year 9999).
    public func instalment(_ index: Int, from first: CalendarDate) -> CalendarDate? {
        precondition(index >= 0, "instalments are counted from first")
        switch self {
        case .week: return first.adding(days: index, step: 7)
        case .twoWeeks: return first.adding(days: index, step: 14)
        case .fourWeeks: return first.adding(days: index, step: 28)
        case .month: return first.adding(months: index)
        case .quarter:
            let (months, overflow) = index.multipliedReportingOverflow(by: 3)
            return overflow ? nil : first.adding(months: months)
        }
    }
}

extension CalendarDate {
    /// `count` steps of `step` days later; nil past the year 9999.
    fileprivate func adding(days count: Int, step: Int) -> CalendarDate? {
        let lastDay = CalendarDate(year: 9999, month: 12, day: 31)!
        let (days, overflow) = count.multipliedReportingOverflow(by: step)
        guard !overflow, days <= Int(lastDay.daysSinceEpoch - daysSinceEpoch) else { return nil }
        return CalendarDate(daysSinceEpoch: daysSinceEpoch + Int32(days))
    }
}
