import Testing
import LedgerDomain

/// Third-party and direct-payment pots: money paid over to a holder, spent or recovered by it.
@Suite("holder pots: transfers, payments and recoveries (SPEC 3)")
struct HolderPotTests {
    @Test("a transfer moves available money to the holder", arguments: [Pot.thirdParty, .directPayment])
    func transfer(pot: Pot) {
        let ledger = InMemoryLedger.holder(pot, allocated: "1200", transferred: "400")
        #expect(ledger.pot(pot).summary
            == "allocated 1200.00, transferred 400.00, spent 0.00, recovered 0.00, held 400.00, available 800.00, remaining 1200.00")
    }

    @Test("a payment spends held money", arguments: [Pot.thirdParty, .directPayment])
    func payment(pot: Pot) {
        var ledger = InMemoryLedger.holder(pot)
        ledger.accept(Lines.payment("pay-1", "120.5", date: "2025-04-10"))
        #expect(ledger.pot(pot).summary
            == "allocated 1200.00, transferred 400.00, spent 120.50, recovered 0.00, held 279.50, available 800.00, remaining 1079.50")
        #expect(ledger.pot(pot).unreconciled == (1, Money(pence: 12_050)))
    }

    @Test("a recovery returns held money", arguments: [Pot.thirdParty, .directPayment])
    func recovery(pot: Pot) {
        var ledger = InMemoryLedger.holder(pot)
        ledger.accept(Lines.payment("pay-1", "100"))
        ledger.accept(Lines.recovery("recover-1", "50", pot: pot.rawValue))
        #expect(ledger.pot(pot).summary
            == "allocated 1200.00, transferred 400.00, spent 100.00, recovered 50.00, held 250.00, available 800.00, remaining 1050.00")
        #expect(ledger.pot(pot).unreconciled == (1, Money(pence: 10_000)), "a recovery is not a payment")
    }

    @Test("payments and recoveries may empty the holder's account", arguments: [Pot.thirdParty, .directPayment])
    func spendEverythingHeld(pot: Pot) {
        var ledger = InMemoryLedger.holder(pot)
        ledger.accept(Lines.payment("pay-1", "399.99"))
        ledger.accept(Lines.recovery("recover-1", "0.01"))
        #expect(ledger.pot(pot).held == .zero)
        #expect(ledger.pot(pot).remaining == Money(pence: 80_000))
    }

    @Test func eachPotOfAMixedBudgetKeepsItsOwnBalances() {
        var ledger = InMemoryLedger(accepting: Lines.open("mixed", pots: ["third_party", "direct_payment"]),
                                    Lines.allocation("alloc-1", "600", pot: "third_party"),
                                    Lines.allocation("alloc-2", "400", pot: "direct_payment"))
        ledger.accept(Lines.thirdPartyTransfer("tpt-1", "300"))
        ledger.accept(Lines.directPaymentTransfer("dpt-1", "100"))
        ledger.accept(Lines.payment("pay-1", "50", pot: "third_party"))
        ledger.accept(Lines.recovery("recover-1", "20", pot: "direct_payment"))
        #expect(ledger.pot(.thirdParty).summary
            == "allocated 600.00, transferred 300.00, spent 50.00, recovered 0.00, held 250.00, available 300.00, remaining 550.00")
        #expect(ledger.pot(.directPayment).summary
            == "allocated 400.00, transferred 100.00, spent 0.00, recovered 20.00, held 80.00, available 300.00, remaining 380.00")
    }
}
