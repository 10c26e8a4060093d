import Testing
import LedgerDomain

@Suite("reversal: exactly undoes the money effect of its target (SPEC 2, 3)")
struct ReversalTests {
    /// Posts a reversal of `target` and checks the outcome names the target's seq and that the
    /// target is now marked reversed.
    private func reverse(_ target: String, in ledger: inout InMemoryLedger, sourceLocation: SourceLocation = #_sourceLocation) {
        let targetSeq = ledger.recordedEvent(id: target)?.seq
        let acceptance = ledger.accept(Lines.reversal("rev-\(target)", of: target), sourceLocation: sourceLocation)
        #expect(acceptance?.reversedSeq == targetSeq, sourceLocation: sourceLocation)
        #expect(ledger.recordedEvent(id: target)?.isReversed == true, sourceLocation: sourceLocation)
        #expect(ledger.recordedEvent(id: "rev-\(target)")?.isReversed == false, sourceLocation: sourceLocation)
    }

    @Test func allocationIncrease() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.allocation("alloc-2", "200"))
        reverse("alloc-2", in: &ledger)
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 0.00, spent 0.00, available 1000.00, remaining 1000.00")
    }

    @Test func allocationDecrease() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.allocation("alloc-2", "300", direction: "decrease"))
        reverse("alloc-2", in: &ledger)
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 0.00, spent 0.00, available 1000.00, remaining 1000.00")
    }

    @Test("a transfer", arguments: [Pot.thirdParty, .directPayment])
    func transfer(pot: Pot) {
        var ledger = InMemoryLedger.holder(pot)
        ledger.accept(Lines.transfer(to: pot, "xfer-2", "150"))
        reverse("xfer-2", in: &ledger)
        #expect(ledger.pot(pot).summary
            == "allocated 1200.00, transferred 400.00, spent 0.00, recovered 0.00, held 400.00, available 800.00, remaining 1200.00")
    }

    @Test func notionalPayment() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.payment("pay-1", "120"))
        reverse("pay-1", in: &ledger)
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 0.00, spent 0.00, available 1000.00, remaining 1000.00")
    }

    @Test("a holder's payment", arguments: [Pot.thirdParty, .directPayment])
    func holderPayment(pot: Pot) {
        var ledger = InMemoryLedger.holder(pot)
        ledger.accept(Lines.payment("pay-1", "120"))
        ledger.accept(Lines.payment("pay-2", "30"))
        reverse("pay-1", in: &ledger)
        #expect(ledger.pot(pot).summary
            == "allocated 1200.00, transferred 400.00, spent 30.00, recovered 0.00, held 370.00, available 800.00, remaining 1170.00")
        #expect(ledger.pot(pot).unreconciled == (1, Money(pence: 3000)))
    }

    @Test func paymentAgainstACommitmentRestoresTheCommitment() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        ledger.accept(Lines.payment("pay-1", "150", commitment: "PO-1"))
        reverse("pay-1", in: &ledger)
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 400.00, spent 0.00, available 600.00, remaining 600.00")
        #expect(ledger.state().commitments["PO-1"] == Money(pence: 40_000))
    }

    @Test func reversingTheLastPaymentReopensAFullyPaidCommitment() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        ledger.accept(Lines.payment("pay-1", "400", commitment: "PO-1"))
        #expect(ledger.state().openCommitmentCount == 0)
        reverse("pay-1", in: &ledger)
        #expect(ledger.state().openCommitmentCount == 1)
        ledger.accept(Lines.payment("pay-2", "400", commitment: "PO-1"))
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 0.00, spent 400.00, available 600.00, remaining 600.00")
    }

    @Test("a recovery", arguments: [Pot.thirdParty, .directPayment])
    func recovery(pot: Pot) {
        var ledger = InMemoryLedger.holder(pot)
        ledger.accept(Lines.recovery("recover-1", "100"))
        reverse("recover-1", in: &ledger)
        #expect(ledger.pot(pot).summary
            == "allocated 1200.00, transferred 400.00, spent 0.00, recovered 0.00, held 400.00, available 800.00, remaining 1200.00")
    }

    @Test func aReversalCountsAsAnEventOfTheBudget() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.payment("pay-1", "120"))
        reverse("pay-1", in: &ledger)
        #expect(ledger.state().version == 4)
    }
}
