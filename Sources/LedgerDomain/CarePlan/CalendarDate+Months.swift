extension CalendarDate {
    /// The same day `months` later (or earlier), clamped to that month's last day: from
    /// 31 January, one month is 28 or 29 February and two months are 31 March. Always count
    /// from the original date, never from a clamped one (SPEC 9, instalments and reviews).
    /// Nil outside the years 1–9999.
    public func adding(months: Int) -> CalendarDate? {
        let (year, month, day) = components
        let (monthCount, overflow) = (month - 1).addingReportingOverflow(months)
        guard !overflow else { return nil }
        let (yearsCarried, monthIndex) = monthCount.quotientAndRemainder(dividingBy: 12)
        let shiftedYear = year + yearsCarried + (monthIndex < 0 ? -1 : 0)
        let shiftedMonth = (monthIndex < 0 ? monthIndex + 12 : monthIndex) + 1
        guard (1...9999).contains(shiftedYear) else { return nil }
        let lastDay = CalendarDate.daysIn(month: shiftedMonth, year: shiftedYear)
        return CalendarDate(year: shiftedYear, month: shiftedMonth, day: min(day, lastDay))
    }
}
