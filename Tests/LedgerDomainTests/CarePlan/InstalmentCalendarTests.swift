import Testing
import LedgerDomain

/// SPEC 9's calendar: instalment dates and quarters. The expected dates are worked out by
/// hand from the SPEC (the same cases as Fixtures/tools/test_careplan_model.py).
@Suite("Care plan calendar: month arithmetic, instalments, financial quarters")
struct InstalmentCalendarTests {
    private func date(_ text: String) throws -> CalendarDate { try #require(CalendarDate(iso: text)) }

    private func instalments(_ every: ScheduleFrequency, from first: String, count: Int) throws -> [String] {
        let start = try date(first)
        return try (0..<count).map { try #require(every.instalment($0, from: start)).description }
    }

    @Test("monthly from 31 January: 28 February, then 31 March (counted from first, not from the clamped date)")
    func monthEndClamping() throws {
        #expect(try instalments(.month, from: "2026-01-31", count: 4)
                == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"])
        #expect(try instalments(.month, from: "2028-01-31", count: 3)
                == ["2028-01-31", "2028-02-29", "2028-03-31"])
    }

    @Test func quarterlyAndAcrossTheYearEnd() throws {
        #expect(try instalments(.quarter, from: "2025-11-30", count: 3)
                == ["2025-11-30", "2026-02-28", "2026-05-30"])
        #expect(try instalments(.month, from: "2025-12-31", count: 2) == ["2025-12-31", "2026-01-31"])
    }

    @Test func daySteps() throws {
        #expect(try instalments(.week, from: "2026-02-26", count: 2) == ["2026-02-26", "2026-03-05"])
        #expect(try instalments(.twoWeeks, from: "2026-02-26", count: 2) == ["2026-02-26", "2026-03-12"])
        #expect(try instalments(.fourWeeks, from: "2026-02-26", count: 3)
                == ["2026-02-26", "2026-03-26", "2026-04-23"])
    }

    @Test("months backwards and the calendar's ends")
    func monthArithmeticEdges() throws {
        #expect(try date("2026-01-15").adding(months: -13)?.description == "2024-12-15")
        #expect(try date("2024-03-31").adding(months: -1)?.description == "2024-02-29")
        #expect(try date("9999-12-31").adding(months: 1) == nil)
        #expect(try date("0001-01-01").adding(months: -1) == nil)
        #expect(try date("2026-01-01").adding(months: Int.max) == nil)
        #expect(ScheduleFrequency.week.instalment(Int.max, from: try date("2026-01-01")) == nil)
        #expect(ScheduleFrequency.quarter.instalment(Int.max / 2, from: try date("2026-01-01")) == nil)
    }

    @Test("the spellings of `every` are SPEC 9's")
    func frequencyNames() {
        #expect(ScheduleFrequency.allCases.map(\.rawValue) == ["week", "2_weeks", "4_weeks", "month", "quarter"])
    }

    @Test("quarters of the NHS financial year start in April")
    func quarters() throws {
        let expected = [("2025-Q1", "2025-04-01", "2025-06-30"), ("2025-Q2", "2025-07-01", "2025-09-30"),
                        ("2025-Q3", "2025-10-01", "2025-12-31"), ("2025-Q4", "2026-01-01", "2026-03-31"),
                        ("2027-Q4", "2028-01-01", "2028-03-31")]
        for (text, from, to) in expected {
            let quarter = try #require(FinancialQuarter(text))
            #expect(quarter.description == text)
            #expect(quarter.from.description == from)
            #expect(quarter.to.description == to)
        }
        for bad in ["2025-Q0", "2025-Q5", "2025-q1", "2025Q1", "25-Q1", "2025-Q12", "9999-Q1", "0000-Q1", ""] {
            #expect(FinancialQuarter(bad) == nil, "\(bad)")
        }
    }
}
