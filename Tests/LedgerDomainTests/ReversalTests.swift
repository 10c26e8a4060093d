import Testing
import LedgerDomain

@Suite("reversal: exactly undoes the money effect of its target (SPEC 2, 3)")
struct ReversalTests {
    /// Posts `line` (an event with id `target`), then its reversal, and expects the pot back
    /// exactly as before the event (dated totals included), the reversal naming the target's
    /// seq and the target marked reversed.
    private func expectUndone(_ line: String, _ target: String, _ pot: Pot, in ledger: inout InMemoryLedger,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let before = ledger.state()
        ledger.accept(line, sourceLocation: sourceLocation)
        #expect(ledger.pot(pot) != before.balances(of: pot), "the event moved money", sourceLocation: sourceLocation)
        let targetSeq = ledger.recordedEvent(id: target)?.seq
        let acceptance = ledger.accept(Lines.reversal("rev-\(target)", of: target), sourceLocation: sourceLocation)
        #expect(acceptance?.reversedSeq == targetSeq, sourceLocation: sourceLocation)
        #expect(ledger.recordedEvent(id: target)?.isReversed == true, sourceLocation: sourceLocation)
        #expect(ledger.recordedEvent(id: "rev-\(target)")?.isReversed == false, sourceLocation: sourceLocation)
        #expect(ledger.pot(pot) == before.balances(of: pot), sourceLocation: sourceLocation)
        #expect(ledger.state().commitments == before.commitments, sourceLocation: sourceLocation)
        #expect(ledger.state().version == before.version + 2, "a reversal is an event of the budget", sourceLocation: sourceLocation)
    }

    @Test("notional: an allocation either way, a payment, a payment against a commitment", arguments: [
        (Lines.allocation("alloc-2", "200"), "alloc-2"),
        (Lines.allocation("alloc-2", "300", direction: "decrease"), "alloc-2"),
        (Lines.payment("pay-1", "120"), "pay-1"),
        (Lines.payment("pay-1", "150", commitment: "PO-1"), "pay-1"),
    ])
    func notional(line: String, target: String) {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        expectUndone(line, target, .notional, in: &ledger)
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 400.00, spent 0.00, available 600.00, remaining 600.00")
        #expect(ledger.state().commitments["PO-1"] == Money(pence: 40_000))
    }

    @Test("holder: a transfer, a payment, a recovery", arguments: [Pot.thirdParty, .directPayment], ["xfer-2", "pay-1", "recover-1"])
    func holder(pot: Pot, target: String) {
        var ledger = InMemoryLedger.holder(pot)
        let line = switch target {
        case "xfer-2": Lines.transfer(to: pot, target, "150", date: "2025-04-10")
        case "pay-1": Lines.payment(target, "150", date: "2025-04-10")
        default: Lines.recovery(target, "150", date: "2025-04-10")
        }
        expectUndone(line, target, pot, in: &ledger)
        #expect(ledger.pot(pot).summary
            == "allocated 1200.00, transferred 400.00, spent 0.00, recovered 0.00, held 400.00, available 800.00, remaining 1200.00")
        #expect(ledger.pot(pot).unreconciled == (0, .zero))
    }

    @Test func reversingTheLastPaymentReopensAFullyPaidCommitment() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        ledger.accept(Lines.payment("pay-1", "400", commitment: "PO-1"))
        #expect(ledger.state().openCommitmentCount == 0)
        ledger.accept(Lines.reversal("rev-1", of: "pay-1"))
        #expect(ledger.state().openCommitmentCount == 1)
        ledger.accept(Lines.payment("pay-2", "400", commitment: "PO-1"))
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 0.00, spent 400.00, available 600.00, remaining 600.00")
    }

    @Test func onlyTheReversedPaymentLeavesTheHolderPot() {
        var ledger = InMemoryLedger.holder(.thirdParty)
        ledger.accept(all: [Lines.payment("pay-1", "120"), Lines.payment("pay-2", "30"), Lines.reversal("rev-1", of: "pay-1")])
        #expect(ledger.pot(.thirdParty).summary
            == "allocated 1200.00, transferred 400.00, spent 30.00, recovered 0.00, held 370.00, available 800.00, remaining 1170.00")
        #expect(ledger.pot(.thirdParty).unreconciled == (1, Money(pence: 3000)))
    }
}
