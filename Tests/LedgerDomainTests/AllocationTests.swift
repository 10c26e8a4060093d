import Testing
import LedgerDomain

@Suite("allocation: increase (the default) and decrease")
struct AllocationTests {
    @Test func increaseAndDecreaseANotionalPot() {
        var ledger = InMemoryLedger.notional(allocated: "1000")
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 0.00, spent 0.00, available 1000.00, remaining 1000.00")
        ledger.accept(Lines.allocation("alloc-2", "250.5", direction: "decrease"))
        #expect(ledger.pot(.notional).summary == "allocated 749.50, committed 0.00, spent 0.00, available 749.50, remaining 749.50")
        ledger.accept(Lines.allocation("alloc-3", "0.5", direction: "increase"))
        #expect(ledger.pot(.notional).summary == "allocated 750.00, committed 0.00, spent 0.00, available 750.00, remaining 750.00")
        #expect(ledger.state().version == 4)
    }

    @Test("a holder pot's allocation is available until it is paid over", arguments: [Pot.thirdParty, .directPayment])
    func holderPot(pot: Pot) {
        var ledger = InMemoryLedger(accepting: Lines.open(pot.rawValue))
        ledger.accept(Lines.allocation("alloc-1", "1200"))
        #expect(ledger.pot(pot).summary
            == "allocated 1200.00, transferred 0.00, spent 0.00, recovered 0.00, held 0.00, available 1200.00, remaining 1200.00")
        ledger.accept(Lines.allocation("alloc-2", "200", pot: pot.rawValue, direction: "decrease"))
        #expect(ledger.pot(pot).summary
            == "allocated 1000.00, transferred 0.00, spent 0.00, recovered 0.00, held 0.00, available 1000.00, remaining 1000.00")
    }

    @Test func aMixedBudgetAllocatesToTheNamedPotOnly() {
        var ledger = InMemoryLedger(accepting: Lines.open("mixed", pots: ["notional", "direct_payment"]))
        ledger.accept(Lines.allocation("alloc-1", "700", pot: "direct_payment"))
        ledger.accept(Lines.allocation("alloc-2", "300", pot: "notional"))
        #expect(ledger.pot(.directPayment).allocated == Money(pence: 70_000))
        #expect(ledger.pot(.notional).allocated == Money(pence: 30_000))
        #expect(BalanceReport.totals(of: ledger.state()).allocated == Money(pence: 100_000))
    }

    @Test func aDecreaseMayTakeEverythingAvailable() {
        var ledger = InMemoryLedger.notional(allocated: "1000")
        ledger.accept(Lines.allocation("alloc-2", "1000.00", direction: "decrease"))
        #expect(ledger.pot(.notional).summary == "allocated 0.00, committed 0.00, spent 0.00, available 0.00, remaining 0.00")
    }
}
