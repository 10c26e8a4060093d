import Testing
import LedgerDomain

@Suite("CalendarDate: ISO 8601 business dates")
struct CalendarDateTests {
    @Test("real dates parse and print back", arguments: [
        "2024-02-29", "2000-02-29", "2025-12-31", "1970-01-01", "0001-01-01", "9999-12-31", "2026-03-31",
    ])
    func roundTrips(text: String) {
        #expect(CalendarDate(iso: text)?.description == text)
    }

    @Test("impossible or malformed dates are rejected", arguments: [
        "2025-02-29", "1900-02-29", "2100-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00",
        "0000-01-01", "2025-1-01", "2025/01/01", "25-01-01", "2025-01-01T00:00:00Z", " 2025-01-01", "",
        "2025-0a-01", "+025-01-01",
    ])
    func rejectsInvalid(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func leapYearRule() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2025, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
    }

    @Test func daysArithmetic() throws {
        let epoch = try #require(CalendarDate(iso: "1970-01-01"))
        #expect(epoch.daysSinceEpoch == 0)
        let start = try #require(CalendarDate(iso: "2025-04-01"))
        let end = try #require(CalendarDate(iso: "2026-03-31"))
        #expect(end.days(since: start) == 364)
        #expect(start.adding(days: 364) == end)
        #expect(try #require(CalendarDate(iso: "2024-02-28")).adding(days: 1).description == "2024-02-29")
        #expect(try #require(CalendarDate(iso: "2025-02-28")).adding(days: 1).description == "2025-03-01")
        #expect(try #require(CalendarDate(iso: "2025-12-31")).adding(days: 1).description == "2026-01-01")
        #expect(try #require(CalendarDate(iso: "2024-03-01")).adding(days: -1).description == "2024-02-29")
        #expect(CalendarDate(daysSinceEpoch: -1).description == "1969-12-31")
    }

    @Test func ordersByDay() throws {
        let earlier = try #require(CalendarDate(iso: "2025-12-31"))
        let later = try #require(CalendarDate(iso: "2026-01-01"))
        #expect(earlier < later)
        #expect(later.days(since: earlier) == 1)
    }
}
