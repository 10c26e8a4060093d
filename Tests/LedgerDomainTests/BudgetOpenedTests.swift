import Testing
import LedgerDomain

@Suite("budget_opened: one pot per holding model, in the order listed")
struct BudgetOpenedTests {
    @Test("a single-model budget has that one pot, all balances zero", arguments: [
        ("notional", Pot.notional), ("third_party", .thirdParty), ("direct_payment", .directPayment),
    ])
    func singleModel(model: String, pot: Pot) throws {
        let ledger = InMemoryLedger(accepting: Lines.open(model))
        let state = ledger.state()
        #expect(state.pots.map(\.pot) == [pot])
        #expect(state.version == 1)
        #expect(!state.isClosed)
        #expect(state.opening.person == "P-9")
        #expect(state.opening.periodStart.description == "2025-04-01")
        #expect(state.opening.periodEnd.description == "2026-03-31")
        let zero = pot == .notional
            ? "allocated 0.00, committed 0.00, spent 0.00, available 0.00, remaining 0.00"
            : "allocated 0.00, transferred 0.00, spent 0.00, recovered 0.00, held 0.00, available 0.00, remaining 0.00"
        #expect(ledger.pot(pot).summary == zero)
    }

    @Test("a mixed budget keeps its 2 or 3 pots in the order budget_opened listed them", arguments: [
        ["direct_payment", "notional"], ["third_party", "direct_payment"],
        ["third_party", "notional", "direct_payment"], ["notional", "direct_payment", "third_party"],
    ])
    func mixed(pots: [String]) {
        let ledger = InMemoryLedger(accepting: Lines.open("mixed", pots: pots))
        #expect(ledger.state().pots.map(\.pot.rawValue) == pots)
        #expect(ledger.state().opening.holdingModel == .mixed)
    }

    @Test func budgetsAreIndependent() {
        var ledger = InMemoryLedger(accepting: Lines.open("notional"), Lines.open("direct_payment", id: "open-2", budget: "PHB-2"))
        ledger.accept(Lines.allocation("alloc-1", "10", budget: "PHB-2"))
        #expect(ledger.pot(.notional).allocated == .zero)
        #expect(ledger.pot(.directPayment, of: "PHB-2").allocated == Money(pence: 1000))
        #expect(ledger.state().version == 1)
        #expect(ledger.state("PHB-2").version == 2)
    }
}
