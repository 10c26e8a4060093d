import Testing
import LedgerDomain

/// The exact `balance --json` line of SPEC 6.2.
@Suite("BalanceReport: the SPEC 6.2 line")
struct BalanceReportTests {
    @Test func aNewNotionalBudget() {
        let ledger = InMemoryLedger(accepting: Lines.open("notional"))
        #expect(ledger.balanceJSON() == #"""
            {"budget":"PHB-1","holding_model":"notional","status":"open","person":"P-9","version":1,\#
            "totals":{"allocated":"0.00","committed":"0.00","spent":"0.00","recovered":"0.00","remaining":"0.00"},\#
            "pots":{"notional":{"allocated":"0.00","committed":"0.00","spent":"0.00","available":"0.00","remaining":"0.00",\#
            "open_commitments":0}}}
            """#)
    }

    @Test func aMixedBudgetListsItsPotsInOpeningOrder() {
        var ledger = InMemoryLedger(accepting: Lines.open("mixed", pots: ["direct_payment", "notional", "third_party"]))
        ledger.accept(all: [Lines.allocation("alloc-1", "1000", pot: "notional"), Lines.allocation("alloc-2", "600", pot: "third_party"),
                            Lines.allocation("alloc-3", "400", pot: "direct_payment"), Lines.commitment("commit-1", "PO-1", "200"),
                            Lines.thirdPartyTransfer("tpt-1", "300"), Lines.directPaymentTransfer("dpt-1", "100"),
                            Lines.payment("pay-1", "50", pot: "third_party"), Lines.payment("pay-2", "30", pot: "direct_payment"),
                            Lines.payment("pay-3", "80", commitment: "PO-1")])
        #expect(ledger.balanceJSON() == #"""
            {"budget":"PHB-1","holding_model":"mixed","status":"open","person":"P-9","version":10,\#
            "totals":{"allocated":"2000.00","committed":"120.00","spent":"160.00","recovered":"0.00","remaining":"1720.00"},\#
            "pots":{"direct_payment":{"allocated":"400.00","transferred":"100.00","spent":"30.00","recovered":"0.00",\#
            "held":"70.00","available":"300.00","remaining":"370.00","unreconciled":{"count":1,"amount":"30.00"},\#
            "last_reconciliation":null},\#
            "notional":{"allocated":"1000.00","committed":"120.00","spent":"80.00","available":"800.00","remaining":"800.00",\#
            "open_commitments":1},\#
            "third_party":{"allocated":"600.00","transferred":"300.00","spent":"50.00","recovered":"0.00",\#
            "held":"250.00","available":"300.00","remaining":"550.00","unreconciled":{"count":1,"amount":"50.00"},\#
            "last_reconciliation":null}}}
            """#)
    }

    @Test func aReconciledClosedDirectPaymentBudget() {
        var ledger = InMemoryLedger.holder(.directPayment)
        ledger.accept(all: [Lines.payment("pay-1", "100", date: "2025-04-10"), Lines.payment("pay-2", "50", date: "2025-05-05"),
                            Lines.reconciliation("recon-1", periodEnd: "2025-04-30", statementBalance: "288", date: "2025-05-06"),
                            Lines.recovery("recover-1", "20", date: "2025-05-10"), Lines.closed(date: "2026-03-31")])
        #expect(ledger.balanceJSON() == #"""
            {"budget":"PHB-1","holding_model":"direct_payment","status":"closed","person":"P-9","version":8,\#
            "totals":{"allocated":"1200.00","committed":"0.00","spent":"150.00","recovered":"20.00","remaining":"1030.00"},\#
            "pots":{"direct_payment":{"allocated":"1200.00","transferred":"400.00","spent":"150.00","recovered":"20.00",\#
            "held":"230.00","available":"800.00","remaining":"1030.00","unreconciled":{"count":1,"amount":"50.00"},\#
            "last_reconciliation":{"period_end":"2025-04-30","expected":"300.00","statement_balance":"288.00",\#
            "variance":"-12.00","status":"discrepancy"}}}}
            """#)
    }

    @Test func surplusIsAddedToHolderPotsOnly() {
        let ledger = InMemoryLedger(accepting: Lines.open("mixed", pots: ["notional", "third_party"]))
        let line = String(decoding: BalanceReport.json(ledger.state(), surplus: { _ in Money(pence: 123) }), as: UTF8.self)
        #expect(line.hasSuffix(#""open_commitments":0},"third_party":{"allocated":"0.00","transferred":"0.00","spent":"0.00","recovered":"0.00","held":"0.00","available":"0.00","remaining":"0.00","unreconciled":{"count":0,"amount":"0.00"},"last_reconciliation":null,"surplus":"1.23"}}}"#))
    }
}
