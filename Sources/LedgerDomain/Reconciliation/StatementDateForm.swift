/// The ways statements write a date (SPEC 7.1). A day or month may have one digit; `Mon` is an
/// English three-letter month (or `Sept`) in any case; `YY` is 20YY.
public enum StatementDateForm: String, CaseIterable, Sendable {
    case isoYearMonthDay = "YYYY-MM-DD"
    case daySlashMonthSlashYear = "DD/MM/YYYY"
    case dayDashMonthDashYear = "DD-MM-YYYY"
    case daySpaceMonthNameSpaceYear = "DD Mon YYYY"
    case dayDashMonthNameDashYear = "DD-Mon-YYYY"
    case dayDashMonthNameDashShortYear = "DD-Mon-YY"

    /// The date `text` (already trimmed) stands for in this form; nil when it does not fit or
    /// names no real day.
    public func date(_ text: String) -> CalendarDate? {
        let separator: Character = switch self {
        case .isoYearMonthDay, .dayDashMonthDashYear, .dayDashMonthNameDashYear, .dayDashMonthNameDashShortYear: "-"
        case .daySlashMonthSlashYear: "/"
        case .daySpaceMonthNameSpaceYear: " "
        }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let (first, middle, last) = (parts[0], parts[1], parts[2])
        switch self {
        case .isoYearMonthDay:
            guard let year = Self.number(first, digits: 4...4), let month = Self.number(middle, digits: 1...2),
                  let day = Self.number(last, digits: 1...2) else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        case .daySlashMonthSlashYear, .dayDashMonthDashYear:
            guard let day = Self.number(first, digits: 1...2), let month = Self.number(middle, digits: 1...2),
                  let year = Self.number(last, digits: 4...4) else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        case .daySpaceMonthNameSpaceYear, .dayDashMonthNameDashYear, .dayDashMonthNameDashShortYear:
            let shortYear = self == .dayDashMonthNameDashShortYear
            guard let day = Self.number(first, digits: 1...2), let month = Self.month(named: middle),
                  let year = Self.number(last, digits: shortYear ? 2...2 : 4...4) else { return nil }
            return CalendarDate(year: shortYear ? 2000 + year : year, month: month, day: day)
        }
    }

    /// SPEC 7.1: the first form, in declaration order, that reads every date; nil when none does.
    public static func detect(_ texts: [String]) -> StatementDateForm? {
        allCases.first { form in texts.allSatisfy { form.date($0) != nil } }
    }

    private static func number(_ text: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(text)
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func month(named text: Substring) -> Int? {
        let name = String(text).lowercasedASCII()
        if name == "sept" { return 9 }
        return monthNames.firstIndex(of: name).map { $0 + 1 }
    }
}
