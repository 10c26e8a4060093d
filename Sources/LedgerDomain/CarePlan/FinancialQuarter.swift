/// A quarter of the NHS financial year that starts in April (SPEC 9 `report --quarter`):
/// `2025-Q1` is April–June 2025, `2025-Q4` is January–March 2026.
public struct FinancialQuarter: Equatable, Sendable, CustomStringConvertible {
    /// The calendar year in which the financial year starts.
    public let startYear: Int
    /// 1...4.
    public let number: Int

    /// Parses exactly `YYYY-Qn`, n in 1...4, YYYY in 1...9998 (so that Q4 ends in a real year).
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "Q"),
              let year = CalendarDate.number(bytes[0..<4]), (1...9998).contains(year),
              let number = CalendarDate.number(bytes[6..<7]), (1...4).contains(number) else { return nil }
        startYear = year
        self.number = number
    }

    public var description: String { CalendarDate.padded(startYear, 4) + "-Q" + String(number) }

    /// The quarter's first day.
    public var from: CalendarDate {
        // April 1st of a year in 1...9998, plus at most 9 months: always a real date.
        CalendarDate(year: startYear, month: 4, day: 1)!.adding(months: 3 * (number - 1))!
    }

    /// The quarter's last day.
    public var to: CalendarDate { from.adding(months: 3)!.adding(days: -1) }
}
