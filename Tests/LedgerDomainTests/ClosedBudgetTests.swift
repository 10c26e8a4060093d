import Testing
import LedgerDomain

@Suite("budget_closed: what is still accepted afterwards (SPEC 4.2)")
struct ClosedBudgetTests {
    /// A direct-payment budget with £400 paid over, £100 spent and £50 recovered, then closed.
    private func closedHolder() -> InMemoryLedger {
        var ledger = InMemoryLedger.holder(.directPayment)
        ledger.accept(Lines.open("notional", id: "open-2", budget: "PHB-2"))
        ledger.accept(Lines.allocation("alloc-2", "10", budget: "PHB-2"))
        ledger.accept(Lines.payment("pay-elsewhere", "10", budget: "PHB-2"))
        ledger.accept(Lines.payment("pay-1", "100"))
        ledger.accept(Lines.recovery("recover-1", "50"))
        ledger.accept(Lines.closed(date: "2026-03-31"))
        return ledger
    }

    @Test func closingMarksTheBudgetClosed() {
        let ledger = closedHolder()
        #expect(ledger.state().isClosed)
        #expect(ledger.state().version == 6)
        #expect(ledger.state("PHB-2").isClosed == false)
        #expect(ledger.balanceJSON().contains(#""status":"closed""#))
    }

    @Test func reconciliationRecoveryAndReversalsOfPaymentsAndRecoveriesAreAccepted() {
        var ledger = closedHolder()
        ledger.accept(Lines.reconciliation("recon-1", periodEnd: "2026-03-31", statementBalance: "250", date: "2026-04-02"))
        ledger.accept(Lines.reversal("rev-pay-1", of: "pay-1", date: "2026-04-02"))
        ledger.accept(Lines.reversal("rev-recover-1", of: "recover-1", date: "2026-04-02"))
        ledger.accept(Lines.recovery("recover-2", "400", date: "2026-04-03"))
        ledger.accept(Lines.reconciliation("recon-2", periodEnd: "2026-04-30", statementBalance: "0", date: "2026-05-01"))
        #expect(ledger.pot(.directPayment).summary
            == "allocated 1200.00, transferred 400.00, spent 0.00, recovered 400.00, held 0.00, available 800.00, remaining 800.00")
        #expect(ledger.pot(.directPayment).lastReconciliation?.status == "balanced")
        #expect(ledger.state().isClosed)
    }

    @Test("money-moving events are rejected budget_closed", arguments: [
        Lines.allocation("alloc-9", "10"), Lines.allocation("alloc-9", "10", direction: "decrease"),
        Lines.payment("pay-9", "10"), Lines.directPaymentTransfer("dpt-9", "10"),
        Lines.thirdPartyTransfer("tpt-9", "10"), Lines.commitment("commit-9", "PO-9", "10"),
        Lines.closed("close-again"),
        Lines.reversal("rev-9", of: "alloc-1"), Lines.reversal("rev-9", of: "xfer-1"),
        Lines.reversal("rev-9", of: "close"), Lines.reversal("rev-9", of: "open"),
        // SPEC 4.2: only a reversal *of a payment or recovery* passes a closed budget, and SPEC 4
        // reports budget_closed before the references, so an unknown target is budget_closed too.
        Lines.reversal("rev-9", of: "no-such-event"), Lines.reversal("rev-9", of: "pay-elsewhere"),
    ])
    func rejected(line: String) {
        var ledger = closedHolder()
        ledger.expectRejected(.budgetClosed, line)
    }

    @Test func aNotionalBudgetClosesOnceEveryCommitmentIsSettled() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        ledger.accept(Lines.commitment("commit-2", "PO-2", "100"))
        ledger.expectRejected(.openCommitments, Lines.closed())
        ledger.accept(Lines.payment("pay-1", "400", commitment: "PO-1"))
        ledger.expectRejected(.openCommitments, Lines.closed())
        ledger.accept(Lines.release("release-2", "PO-2"))
        ledger.accept(Lines.closed())
        #expect(ledger.state().isClosed)
        ledger.expectRejected(.budgetClosed, Lines.payment("pay-2", "1"))
        ledger.expectRejected(.budgetClosed, Lines.payment("pay-2", "1", commitment: "PO-1"))
        // SPEC 4.2 as amended: a release passes a closed budget; this one has nothing open.
        ledger.expectRejected(.insufficientFunds, Lines.release("release-3", "PO-2"))
        ledger.expectRejected(.budgetClosed, Lines.commitment("commit-3", "PO-3", "1"))
    }
}
