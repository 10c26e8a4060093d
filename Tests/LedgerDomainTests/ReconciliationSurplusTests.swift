import Testing
@testable import LedgerDomain

@Suite("Surplus: held beyond the weeks of funding a holder may keep (SPEC 7)")
struct ReconciliationSurplusTests: ReconciliationTesting {
    private func opening(_ start: String, _ end: String) -> BudgetOpening {
        BudgetOpening(person: "P-1", holdingModel: .directPayment, pots: nil, periodStart: day(start), periodEnd: day(end))
    }

    private var year: BudgetOpening { opening("2025-04-01", "2026-03-31") }

    @Test("weekly rate = allocated × 7 ÷ days in the period, both ends counted, rounded down to the penny")
    func weeklyRate() {
        // 2,280,000 p × 7 = 15,960,000; ÷ 365 = 43,726.03 → 43,726 p.
        #expect(Surplus.weeklyRate(allocated: money("22800"), opening: year) == money("437.26"))
        // 100 p × 7 ÷ 3 = 233.3 → 233 p: down, never to the nearest.
        #expect(Surplus.weeklyRate(allocated: money("1.00"), opening: opening("2025-04-01", "2025-04-03")) == money("2.33"))
        // A leap year's period has 366 days: 36,600 p × 7 ÷ 366 = 700 p exactly.
        #expect(Surplus.weeklyRate(allocated: money("366"), opening: opening("2027-04-01", "2028-03-31")) == money("7.00"))
        // One day: the whole allocation times seven.
        #expect(Surplus.weeklyRate(allocated: money("10"), opening: opening("2025-04-01", "2025-04-01")) == money("70.00"))
    }

    @Test("surplus = max(0, held − weeks × weekly rate)")
    func surplus() {
        // Rate 437.26; 8 weeks = 3,498.08.
        #expect(Surplus.amount(held: money("4000"), allocated: money("22800"), opening: year, weeks: 8) == money("501.92"))
        #expect(Surplus.amount(held: money("3498.08"), allocated: money("22800"), opening: year, weeks: 8) == .zero)
        #expect(Surplus.amount(held: money("3000"), allocated: money("22800"), opening: year, weeks: 8) == .zero)
        #expect(Surplus.amount(held: money("3000"), allocated: money("22800"), opening: year, weeks: 0) == money("3000"))
    }

    @Test("a backdated view may hold or allocate less than nothing: the surplus is still ≥ 0")
    func negativeViews() {
        #expect(Surplus.amount(held: money("-5"), allocated: money("22800"), opening: year, weeks: 8) == .zero)
        #expect(Surplus.weeklyRate(allocated: money("-100"), opening: year) == .zero)
        #expect(Surplus.amount(held: money("5"), allocated: money("-100"), opening: year, weeks: 8) == money("5"))
    }

    @Test("allocations near the 64-bit limit neither trap nor wrap")
    func limits() {
        let huge = Money(pence: Int64.max)
        #expect(Surplus.weeklyRate(allocated: huge, opening: opening("2025-04-01", "2025-04-01")) == huge)
        #expect(Surplus.amount(held: huge, allocated: huge, opening: opening("2025-04-01", "2025-04-01"), weeks: 8) == .zero)
        // Over a year the rate fits: ⌊(2^63 − 1) × 7 ÷ 365⌋ without forming the product.
        #expect(Surplus.weeklyRate(allocated: huge, opening: year).pence == 176_886_587_008_173_782)
    }
}
