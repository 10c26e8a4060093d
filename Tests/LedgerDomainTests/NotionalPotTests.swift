import Testing
import LedgerDomain

@Suite("notional pot: commitments, releases and payments (SPEC 3)")
struct NotionalPotTests {
    @Test func commitmentReservesAvailableMoney() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 400.00, spent 0.00, available 600.00, remaining 600.00")
        #expect(ledger.state().commitments == ["PO-1": Money(pence: 40_000)])
        #expect(ledger.state().openCommitmentCount == 1)
    }

    @Test func partialReleaseReturnsThatAmount() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        ledger.accept(Lines.release("release-1", "PO-1", "150.25"))
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 249.75, spent 0.00, available 750.25, remaining 750.25")
        #expect(ledger.state().commitments["PO-1"] == Money(pence: 24_975))
        #expect(ledger.state().openCommitmentCount == 1)
    }

    @Test func releaseWithoutAmountReleasesTheWholeOpenAmount() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        ledger.accept(Lines.payment("pay-1", "100", commitment: "PO-1"))
        ledger.accept(Lines.release("release-1", "PO-1"))
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 0.00, spent 100.00, available 900.00, remaining 900.00")
        #expect(ledger.state().commitments["PO-1"] == .zero)
        #expect(ledger.state().openCommitmentCount == 0)
    }

    @Test func paymentWithoutCommitmentSpendsAvailableMoney() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        ledger.accept(Lines.payment("pay-1", "120.25"))
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 400.00, spent 120.25, available 479.75, remaining 479.75")
        #expect(ledger.state().commitments["PO-1"] == Money(pence: 40_000))
    }

    @Test("a payment against a commitment moves committed to spent", arguments: [nil, "notional"])
    func paymentAgainstCommitment(pot: String?) {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        ledger.accept(Lines.payment("pay-1", "150", pot: pot, commitment: "PO-1"))
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 250.00, spent 150.00, available 600.00, remaining 600.00")
        #expect(ledger.state().commitments["PO-1"] == Money(pence: 25_000))
    }

    @Test func aFullyPaidCommitmentIsNoLongerOpen() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        ledger.accept(Lines.commitment("commit-2", "PO-2", "100"))
        ledger.accept(Lines.payment("pay-1", "400.00", commitment: "PO-1"))
        #expect(ledger.state().openCommitmentCount == 1)
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 100.00, spent 400.00, available 500.00, remaining 500.00")
    }

    @Test func aCommitmentMayTakeEverythingAvailable() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.payment("pay-1", "600"))
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 400.00, spent 600.00, available 0.00, remaining 0.00")
    }

    @Test func aPaymentAgainstACommitmentInAMixedBudgetImpliesTheNotionalPot() {
        var ledger = InMemoryLedger(accepting: Lines.open("mixed", pots: ["direct_payment", "notional"]),
                                    Lines.allocation("alloc-1", "500", pot: "notional"),
                                    Lines.commitment("commit-1", "PO-1", "200"))
        ledger.accept(Lines.payment("pay-1", "50", commitment: "PO-1"))
        #expect(ledger.pot(.notional).summary == "allocated 500.00, committed 150.00, spent 50.00, available 300.00, remaining 300.00")
        #expect(ledger.pot(.directPayment).spent == .zero)
    }
}
