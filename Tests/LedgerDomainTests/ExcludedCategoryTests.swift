import Testing
import LedgerDomain

@Suite("excluded categories (SPEC 4.3)")
struct ExcludedCategoryTests {
    static let excluded = ["gp_services", "acute_unplanned_care", "surgical_procedures", "medication", "nhs_charges",
                           "vaccination", "screening", "tobacco", "alcohol", "gambling", "debt_repayment", "illegal"]

    @Test func theListIsSpecsTwelve() {
        #expect(ExcludedCategories.all == Set(Self.excluded))
    }

    @Test("a payment or a commitment for an excluded category is rejected", arguments: excluded)
    func rejected(category: String) {
        var ledger = InMemoryLedger.notional()
        ledger.expectRejected(.excludedCategory, Lines.payment("pay-1", "10", category: category))
        ledger.expectRejected(.excludedCategory, Lines.commitment("commit-1", "PO-1", "10", category: category))
    }

    @Test("any other snake_case category is allowed", arguments: [
        "personal_care", "respite", "gym_membership", "a", "transport2", "alcohol_free_drinks", "medication_review",
    ])
    func allowed(category: String) {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.payment("pay-1", "10", category: category))
        ledger.accept(Lines.commitment("commit-1", "PO-1", "10", category: category))
    }

    @Test("a category must be ^[a-z][a-z0-9_]*$", arguments: [
        "Personal-Care", "personal-care", "Alcohol", "personal care", "1respite", "_care", "", "café", "ALCOHOL",
    ])
    func invalid(category: String) {
        var ledger = InMemoryLedger.notional()
        ledger.expectRejected(.invalidField, Lines.payment("pay-1", "10", category: category))
        ledger.expectRejected(.invalidField, Lines.commitment("commit-1", "PO-1", "10", category: category))
    }
}
