import Testing
import LedgerDomain

extension InMemoryLedger {
    /// Two budgets to break the rules against (seq 1–7):
    /// - PHB-1, notional: £1,000 allocated, commitment PO-1 of £400 (commit-1), £100 paid (pay-1):
    ///   available £500;
    /// - PHB-2, direct payment: £1,200 allocated, £400 paid over (dpt-2): held £400, available £800.
    static func twoBudgets() -> InMemoryLedger {
        InMemoryLedger(accepting: Lines.open("notional"), Lines.allocation("alloc-1", "1000"),
                       Lines.commitment("commit-1", "PO-1", "400"), Lines.payment("pay-1", "100"),
                       Lines.open("direct_payment", id: "open-2", budget: "PHB-2"),
                       Lines.allocation("alloc-2", "1200", budget: "PHB-2"),
                       Lines.directPaymentTransfer("dpt-2", "400", budget: "PHB-2"))
    }
}

/// Lines addressed to PHB-2, the direct-payment budget of `InMemoryLedger.twoBudgets()`.
enum DirectPaymentBudget {
    static let id = "PHB-2"
}
