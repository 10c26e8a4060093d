import Testing
import LedgerDomain

@Suite("reconciliation: expected, variance, status, unreconciled (SPEC 3)")
struct ReconciliationTests {
    /// A holder pot with £400 paid over on 1 April, £100 paid on 10 April and £50 on 5 May.
    private func spending(_ pot: Pot = .directPayment) -> InMemoryLedger {
        var ledger = InMemoryLedger.holder(pot)
        ledger.accept(Lines.payment("pay-1", "100", date: "2025-04-10"))
        ledger.accept(Lines.payment("pay-2", "50", date: "2025-05-05"))
        return ledger
    }

    /// Recorded on 6 May, or on its period's end when that is later (SPEC 4.4: a period has
    /// ended when it is recorded).
    private func april(_ id: String = "recon-1", statement: String, periodEnd: String = "2025-04-30") -> String {
        Lines.reconciliation(id, periodEnd: periodEnd, statementBalance: statement, date: max(periodEnd, "2025-05-06"))
    }

    /// period_end, expected, statement, variance, status of the pot's latest reconciliation.
    private func last(_ ledger: InMemoryLedger, _ pot: Pot = .directPayment) -> String? {
        ledger.pot(pot).lastReconciliation.map {
            "\($0.periodEnd) expected \($0.expected) statement \($0.statementBalance) variance \($0.variance) \($0.status)"
        }
    }

    @Test("a statement that agrees is balanced", arguments: [Pot.thirdParty, .directPayment])
    func balanced(pot: Pot) {
        var ledger = spending(pot)
        let before = ledger.pot(pot)
        ledger.accept(april(statement: "300"))
        #expect(last(ledger, pot) == "2025-04-30 expected 300.00 statement 300.00 variance 0.00 balanced")
        #expect(ledger.pot(pot).unreconciled == (1, Money(pence: 5000)), "only the May payment is after period_end")
        #expect(ledger.pot(pot).summary == before.summary, "a reconciliation moves no money")
        #expect(ledger.state().version == 6)
    }

    @Test("variance = statement − expected, negative when the statement is short", arguments: [
        ("288", "variance -12.00 discrepancy"), ("310.5", "variance 10.50 discrepancy"),
        ("0", "variance -300.00 discrepancy"), ("299.99", "variance -0.01 discrepancy"),
    ])
    func discrepancy(statement: String, outcome: String) {
        var ledger = spending()
        ledger.accept(april(statement: statement))
        #expect(last(ledger)?.hasSuffix(outcome) == true, "\(last(ledger) ?? "none")")
    }

    @Test func expectedIsFixedWhenRecordedAndBackdatedEventsAreNotUnreconciled() {
        var ledger = spending()
        ledger.accept(april(statement: "300"))
        ledger.accept(Lines.payment("pay-3", "30", date: "2025-04-20"))
        #expect(last(ledger) == "2025-04-30 expected 300.00 statement 300.00 variance 0.00 balanced")
        #expect(ledger.pot(.directPayment).unreconciled == (1, Money(pence: 5000)))
    }

    @Test func aReversalDatedAfterPeriodEndDoesNotCountInExpected() {
        var ledger = spending()
        ledger.accept(Lines.reversal("rev-1", of: "pay-1", date: "2025-05-02"))
        ledger.accept(april(statement: "300"))
        #expect(last(ledger) == "2025-04-30 expected 300.00 statement 300.00 variance 0.00 balanced")
        ledger.accept(april("recon-2", statement: "350", periodEnd: "2025-05-31"))
        #expect(last(ledger) == "2025-05-31 expected 350.00 statement 350.00 variance 0.00 balanced")
    }

    @Test func theLatestPeriodEndWinsWhateverTheRecordingOrder() {
        var ledger = spending()
        ledger.accept(april("recon-may", statement: "250", periodEnd: "2025-05-31"))
        ledger.accept(april("recon-april", statement: "1", periodEnd: "2025-04-30"))
        #expect(last(ledger) == "2025-05-31 expected 250.00 statement 250.00 variance 0.00 balanced")
        #expect(ledger.pot(.directPayment).unreconciled == (0, .zero))
    }

    @Test func onATieTheLaterRecordedWins() {
        var ledger = spending()
        ledger.accept(april("recon-1", statement: "300"))
        ledger.accept(april("recon-2", statement: "290"))
        #expect(last(ledger) == "2025-04-30 expected 300.00 statement 290.00 variance -10.00 discrepancy")
    }

    @Test func beforeAnyReconciliationEveryPaymentIsUnreconciled() {
        var ledger = spending()
        ledger.accept(Lines.payment("pay-3", "0.5", date: "2025-04-01"))
        #expect(last(ledger) == nil)
        #expect(ledger.pot(.directPayment).unreconciled == (3, Money(pence: 15_050)))
    }

    @Test func aReversedPaymentIsNotUnreconciled() {
        var ledger = spending()
        ledger.accept(april(statement: "300"))
        ledger.accept(Lines.reversal("rev-2", of: "pay-2", date: "2025-05-07"))
        #expect(ledger.pot(.directPayment).unreconciled == (0, .zero))
    }

    @Test func aMixedBudgetReconcilesTheNamedPotOnly() {
        var ledger = InMemoryLedger(accepting: Lines.open("mixed", pots: ["third_party", "direct_payment"]),
                                    Lines.allocation("alloc-1", "600", pot: "third_party"),
                                    Lines.allocation("alloc-2", "400", pot: "direct_payment"),
                                    Lines.thirdPartyTransfer("tpt-1", "300"),
                                    Lines.directPaymentTransfer("dpt-1", "100"))
        ledger.accept(Lines.reconciliation("recon-1", periodEnd: "2025-04-30", statementBalance: "300", pot: "third_party"))
        #expect(last(ledger, .thirdParty) == "2025-04-30 expected 300.00 statement 300.00 variance 0.00 balanced")
        #expect(last(ledger, .directPayment) == nil)
    }

    @Test func periodStartIsOptional() {
        var ledger = spending()
        ledger.accept(Lines.reconciliation("recon-1", periodEnd: "2025-04-30", statementBalance: "300", periodStart: "2025-04-01"))
        #expect(last(ledger) == "2025-04-30 expected 300.00 statement 300.00 variance 0.00 balanced")
    }
}
