import Testing
import LedgerDomain

/// Every code of SPEC 4.1, each from an event that breaks that rule alone, against
/// `InMemoryLedger.twoBudgets()`; `expectRejected` also checks the ledger is unchanged.
@Suite("rejection codes: each rule of SPEC 4.1, and nothing written")
struct RejectionCodeTests {
    static let dp = DirectPaymentBudget.id

    private func expect(_ code: RejectionCode, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.expectRejected(code, line, sourceLocation: sourceLocation)
    }

    /// SPEC 4.1's codes, SPEC 7.2's `already_reconciled` and SPEC 9's.
    @Test func theCodesOfSpec() {
        let spec: Set = ["malformed_json", "missing_field", "invalid_field", "unknown_type", "unknown_budget",
                         "budget_exists", "budget_closed", "pot_not_in_budget", "insufficient_funds",
                         "excluded_category", "unknown_commitment", "duplicate_commitment", "unknown_event",
                         "not_reversible", "already_reversed", "id_conflict", "open_commitments",
                         "date_before_opening",  // added to SPEC 4.1 on 2026-11-30
                         "already_reconciled",  // SPEC 7.2
                         "unknown_line", "unknown_schedule", "unknown_repayment", "payments_stopped"]  // SPEC 9
        #expect(RejectionCode.allCases.count == 23)
        #expect(Set(RejectionCode.allCases.map(\.rawValue)) == spec)
    }

    @Test(arguments: [
        #"{"id":"x","type":"allocation""#, #"["not","an","object"]"#, #""a string""#, "{'id':'x'}",
        #"{"id":"a","id":"a"}"#, "", #"{"id":"x"} trailing"#, #"{"id":"x","amount":NaN}"#,
    ])
    func malformedJSON(line: String) { expect(.malformedJSON, line) }

    @Test func invalidUTF8IsMalformedJSON() throws {
        let line = Array(#"{"id":"x","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1","note":""#.utf8)
            + [0xFF] + Array(#""}"#.utf8)
        let outcome = try PostingRules.evaluate(line: line, in: InMemoryLedger.twoBudgets())
        #expect(outcome.rejection?.code == .malformedJSON)
    }

    @Test func idConflict() {
        expect(.idConflict, Lines.allocation("alloc-1", "5"))
        expect(.idConflict, Lines.payment("pay-1", "100", budget: Self.dp))
    }

    @Test(arguments: [
        #"{"type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1"}"#,
        #"{"id":"x","budget":"PHB-1","date":"2025-04-01","amount":"1"}"#,
        #"{"id":"x","type":"allocation","date":"2025-04-01","amount":"1"}"#,
        #"{"id":"x","type":"allocation","budget":"PHB-1","amount":"1"}"#,
        Lines.event("allocation", "x", ["pot": "notional"]),
        Lines.event("payment", "x", ["category": "transport", "amount": "1"]),
        Lines.event("reversal", "x", ["reverses": "pay-1"]),
        Lines.event("notional_commitment", "x", ["commitment": "PO-2", "provider": "P", "amount": "1"]),
        Lines.event("reconciliation", "x", budget: dp, ["statement_balance": "1"]),
        Lines.event("budget_opened", "x", budget: "PHB-3", ["person": "P", "holding_model": "mixed",
                                                             "period_start": "2025-04-01", "period_end": "2026-03-31"]),
        Lines.event("budget_opened", "x", budget: "PHB-3", ["person": "P", "holding_model": "notional", "period_start": "2025-04-01"]),
    ])
    func missingField(line: String) { expect(.missingField, line) }

    @Test func aMixedBudgetsEventMustNameItsPot() {
        var ledger = InMemoryLedger(accepting: Lines.open("mixed", pots: ["notional", "direct_payment"]))
        ledger.expectRejected(.missingField, Lines.allocation("alloc-1", "10"))
        ledger.expectRejected(.missingField, Lines.payment("pay-1", "10"))
        ledger.expectRejected(.missingField, Lines.recovery("recover-1", "10"))
        ledger.expectRejected(.missingField, Lines.reconciliation("recon-1", periodEnd: "2025-04-30", statementBalance: "0"))
    }

    @Test(arguments: [
        Lines.event("transfer", "x", ["amount": "1"]), Lines.event("Payment", "x"), Lines.event("", "x"),
        Lines.event("budget_reopened", "x"),
    ])
    func unknownType(line: String) { expect(.unknownType, line) }

    @Test(arguments: [
        #"{"id":"x","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":12}"#,
        #"{"id":"x","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"12","amout":"12"}"#,
        #"{"id":"x","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":null}"#,
        #"{"id":5,"type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1"}"#,
        Lines.allocation("x", "0"), Lines.allocation("x", "0.00"), Lines.allocation("x", "1.234"),
        Lines.allocation("x", "12345678901"), Lines.allocation("x", "-5"), Lines.allocation("x", "1", direction: "up"),
        Lines.allocation("x", "1", pot: "personal"), Lines.allocation("x", "1", date: "2025-02-29"),
        Lines.allocation("x", "1", budget: "PHB 1"), Lines.allocation("x", "1", budget: ""),
        Lines.allocation("x", "1", budget: String(repeating: "B", count: 65)),
        Lines.allocation(String(repeating: "i", count: 129), "1"), Lines.allocation("", "1"), Lines.allocation("naïve", "1"),
        Lines.event("allocation", "x", ["amount": "1", "actor": String(repeating: "a", count: 129)]),
        Lines.event("allocation", "x", ["amount": "1", "note": String(repeating: "n", count: 1025)]),
        Lines.payment("x", "1", category: "Personal-Care"), Lines.payment("x", "1", category: "personal care"),
        Lines.payment("x", "1", pot: "direct_payment", commitment: "PO-1"),
        Lines.recovery("x", "1", pot: "notional", budget: dp),
        Lines.reconciliation("x", periodEnd: "2025-04-30", statementBalance: "0", pot: "notional", budget: dp),
        Lines.reconciliation("x", periodEnd: "2025-04-30", statementBalance: "-1", budget: dp),
        Lines.reconciliation("x", periodEnd: "2025-04-30", statementBalance: "0", periodStart: "2025-05-01", budget: dp),
        Lines.open("notional", pots: ["notional", "direct_payment"], id: "x", budget: "PHB-3"),
        Lines.open("mixed", pots: ["notional"], id: "x", budget: "PHB-3"),
        Lines.open("mixed", pots: ["notional", "notional"], id: "x", budget: "PHB-3"),
        Lines.open("mixed", pots: ["notional", "personal"], id: "x", budget: "PHB-3"),
        Lines.open("individual", id: "x", budget: "PHB-3"),
        Lines.event("budget_opened", "x", budget: "PHB-3", ["person": "P", "holding_model": "notional",
                                                             "period_start": "2026-04-01", "period_end": "2026-03-31"]),
        Lines.event("budget_closed", "x", ["amount": "10"]),
    ])
    func invalidField(line: String) { expect(.invalidField, line) }

    @Test(arguments: [Lines.allocation("x", "1", budget: "PHB-404"), Lines.allocation("x", "1", budget: "phb-1"),
                      Lines.closed(budget: "PHB-404"), Lines.reversal("x", of: "pay-1", budget: "PHB-404")])
    func unknownBudget(line: String) { expect(.unknownBudget, line) }

    @Test func budgetExists() {
        expect(.budgetExists, Lines.open("notional", id: "open-again"))
        expect(.budgetExists, Lines.open("mixed", pots: ["notional", "third_party"], id: "open-again", budget: Self.dp))
    }

    @Test func budgetClosed() {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.accept(Lines.closed(budget: Self.dp))
        ledger.expectRejected(.budgetClosed, Lines.allocation("x", "1", budget: Self.dp))
    }

    @Test(arguments: [
        Lines.allocation("x", "1", pot: "direct_payment"), Lines.thirdPartyTransfer("x", "1"),
        Lines.directPaymentTransfer("x", "1"), Lines.recovery("x", "1"), Lines.recovery("x", "1", pot: "third_party"),
        Lines.reconciliation("x", periodEnd: "2025-04-30", statementBalance: "0"),
        Lines.payment("x", "1", pot: "third_party"),
        Lines.commitment("x", "PO-2", "1", budget: dp), Lines.release("x", "PO-1", budget: dp),
        Lines.payment("x", "1", commitment: "PO-1", budget: dp), Lines.thirdPartyTransfer("x", "1", budget: dp),
        Lines.allocation("x", "1", pot: "notional", budget: dp),
    ])
    func potNotInBudget(line: String) { expect(.potNotInBudget, line) }

    @Test(arguments: [Lines.payment("x", "1", category: "alcohol"), Lines.commitment("x", "PO-2", "1", category: "gambling"),
                      Lines.payment("x", "1", category: "medication", budget: dp)])
    func excludedCategory(line: String) { expect(.excludedCategory, line) }

    @Test(arguments: [Lines.release("x", "PO-404"), Lines.payment("x", "1", commitment: "PO-404"),
                      Lines.release("x", "po-1")])
    func unknownCommitment(line: String) { expect(.unknownCommitment, line) }

    @Test func commitmentsBelongToTheirBudget() {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.accept(Lines.open("notional", id: "open-3", budget: "PHB-3"))
        ledger.expectRejected(.unknownCommitment, Lines.release("x", "PO-1", budget: "PHB-3"))
        ledger.accept(Lines.allocation("alloc-3", "10", budget: "PHB-3"))
        ledger.accept(Lines.commitment("commit-3", "PO-1", "10", budget: "PHB-3"))
    }

    @Test func duplicateCommitment() {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.expectRejected(.duplicateCommitment, Lines.commitment("x", "PO-1", "1"))
        ledger.accept(Lines.release("release-1", "PO-1"))
        ledger.expectRejected(.duplicateCommitment, Lines.commitment("x", "PO-1", "1"))
    }

    @Test(arguments: [Lines.reversal("x", of: "nope"), Lines.reversal("x", of: "pay-1", budget: dp),
                      Lines.reversal("x", of: "dpt-2"), Lines.reversal("x", of: "PAY-1")])
    func unknownEvent(line: String) { expect(.unknownEvent, line) }

    @Test func notReversible() {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.accept(Lines.release("release-1", "PO-1", "1"))
        ledger.accept(Lines.reconciliation("recon-2", periodEnd: "2025-04-30", statementBalance: "400", budget: Self.dp))
        ledger.accept(Lines.reversal("rev-1", of: "pay-1"))
        for target in ["open", "commit-1", "release-1", "rev-1"] {
            ledger.expectRejected(.notReversible, Lines.reversal("x", of: target))
        }
        ledger.expectRejected(.notReversible, Lines.reversal("x", of: "recon-2", budget: Self.dp))
        ledger.expectRejected(.notReversible, Lines.reversal("x", of: "open-2", budget: Self.dp))
    }

    @Test func alreadyReversed() {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.accept(Lines.reversal("rev-1", of: "pay-1"))
        ledger.expectRejected(.alreadyReversed, Lines.reversal("rev-2", of: "pay-1"))
        #expect(ledger.recordedEvent(id: "rev-2") == nil)
    }

    @Test(arguments: [
        Lines.payment("x", "500.01"), Lines.commitment("x", "PO-2", "500.01"),
        Lines.payment("x", "400.01", commitment: "PO-1"), Lines.release("x", "PO-1", "400.01"),
        Lines.allocation("x", "500.01", direction: "decrease"), Lines.reversal("x", of: "alloc-1"),
        Lines.payment("x", "400.01", budget: dp), Lines.recovery("x", "400.01", budget: dp),
        Lines.directPaymentTransfer("x", "800.01", budget: dp),
        Lines.allocation("x", "800.01", direction: "decrease", budget: dp), Lines.reversal("x", of: "alloc-2", budget: dp),
    ])
    func insufficientFunds(line: String) { expect(.insufficientFunds, line) }

    @Test func insufficientFundsAtTheExactBoundary() {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.accept(Lines.payment("pay-2", "300", budget: Self.dp))
        ledger.expectRejected(.insufficientFunds, Lines.reversal("x", of: "dpt-2", budget: Self.dp))
        ledger.expectRejected(.insufficientFunds, Lines.recovery("x", "100.01", budget: Self.dp))
        ledger.accept(Lines.recovery("recover-2", "100", budget: Self.dp))
        ledger.accept(Lines.payment("pay-3", "500"))
        ledger.expectRejected(.insufficientFunds, Lines.payment("x", "0.01"))
        ledger.accept(Lines.release("release-1", "PO-1"))
        ledger.expectRejected(.insufficientFunds, Lines.release("x", "PO-1"))
        ledger.expectRejected(.insufficientFunds, Lines.release("x", "PO-1", "0.01"))
    }

    @Test func openCommitments() {
        expect(.openCommitments, Lines.closed())
    }
}
