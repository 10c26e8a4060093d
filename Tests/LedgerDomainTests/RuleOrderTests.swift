import Testing
import LedgerDomain

/// SPEC 4: when an event breaks several rules, the first in SPEC's order is reported. Each case
/// breaks the named rule and a later one, against `InMemoryLedger.twoBudgets()`.
@Suite("rule order: the earliest broken rule of SPEC 4 is reported")
struct RuleOrderTests {
    static let dp = DirectPaymentBudget.id

    @Test("earlier rule wins", arguments: [
        // malformed_json before id_conflict
        (#"{"id":"alloc-1","type":"allocation","amount":"5""#, RejectionCode.malformedJSON),
        // id_conflict before the shape of the event and everything after
        (Lines.event("allocation", "alloc-1"), .idConflict),
        (Lines.event("refund", "alloc-1", ["amount": "1"]), .idConflict),
        (Lines.allocation("alloc-1", "1", budget: "PHB-404"), .idConflict),
        (Lines.payment("pay-1", "100", category: "alcohol"), .idConflict),
        // missing common field before unknown_type; unknown_type before own missing/invalid fields
        (#"{"id":"x","type":"refund","date":"2025-04-01"}"#, .missingField),
        (#"{"id":"x","type":"refund","budget":"PHB-1","date":"2025-04-01","amount":12}"#, .unknownType),
        // a `type` that is not even a string is not one of the types either: unknown_type, which
        // SPEC 4 orders before invalid_field
        (#"{"id":"x","type":5,"budget":"PHB-1","date":"2025-04-01","amount":"1"}"#, .unknownType),
        (#"{"id":"x","type":null,"budget":"PHB-1","date":"2025-04-01","amount":"1"}"#, .unknownType),
        (#"{"id":"x","type":["allocation"],"budget":"PHB-1","date":"2025-04-01","amount":"1"}"#, .unknownType),
        // an own missing field before an unknown or invalid field
        (Lines.event("allocation", "x", ["amout": "12"]), .missingField),
        (Lines.event("payment", "x", ["category": "Alcohol!", "amount": "1"]), .missingField),
        // the shape before unknown_budget / budget_exists
        (Lines.allocation("x", "0", budget: "PHB-404"), .invalidField),
        (Lines.open("notional", id: "x", date: "2025-02-30"), .invalidField),
        // unknown_budget before excluded_category and insufficient_funds
        (Lines.payment("x", "99999", category: "alcohol", budget: "PHB-404"), .unknownBudget),
        // pot_not_in_budget before excluded_category and insufficient_funds
        (Lines.payment("x", "99999", pot: "direct_payment", category: "alcohol"), .potNotInBudget),
        (Lines.thirdPartyTransfer("x", "9999999", budget: dp), .potNotInBudget),
        (Lines.release("x", "PO-404", budget: dp), .potNotInBudget),
        // excluded_category before the references and insufficient_funds
        (Lines.payment("x", "1", category: "tobacco", commitment: "PO-404"), .excludedCategory),
        (Lines.commitment("x", "PO-1", "99999", category: "gambling"), .excludedCategory),
        (Lines.payment("x", "99999", category: "gambling"), .excludedCategory),
        // the references before insufficient_funds
        (Lines.release("x", "PO-404", "99999"), .unknownCommitment),
        (Lines.payment("x", "99999", commitment: "PO-404"), .unknownCommitment),
        (Lines.commitment("x", "PO-1", "99999"), .duplicateCommitment),
        (Lines.reversal("x", of: "open"), .notReversible),
    ])
    func earlierRuleWins(line: String, code: RejectionCode) {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.expectRejected(code, line)
    }

    @Test func budgetClosedBeforePotCategoryReferencesAndFunds() {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.accept(Lines.payment("pay-2", "400", budget: Self.dp))
        ledger.accept(Lines.closed("close-2", budget: Self.dp))
        for line in [Lines.payment("x", "1", category: "alcohol", budget: Self.dp),
                     Lines.allocation("x", "1", pot: "notional", budget: Self.dp),
                     Lines.commitment("x", "PO-1", "99999", budget: Self.dp),
                     Lines.payment("x", "99999", budget: Self.dp),
                     Lines.reversal("x", of: "dpt-2", budget: Self.dp)] {
            ledger.expectRejected(.budgetClosed, line)
        }
    }

    @Test func aMixedBudgetsMissingPotComesAfterBudgetClosed() {
        var ledger = InMemoryLedger(accepting: Lines.open("mixed", pots: ["notional", "direct_payment"]), Lines.closed())
        ledger.expectRejected(.budgetClosed, Lines.allocation("x", "1"))
        ledger.expectRejected(.unknownBudget, Lines.allocation("x", "1", budget: "PHB-404"))
    }

    @Test func alreadyReversedBeforeInsufficientFunds() {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.accept(Lines.allocation("alloc-3", "100"))
        ledger.accept(Lines.reversal("rev-1", of: "alloc-3"))
        ledger.accept(Lines.payment("pay-2", "500"))
        ledger.expectRejected(.alreadyReversed, Lines.reversal("rev-2", of: "alloc-3"))
    }

    @Test func budgetClosedBeforeOpenCommitments() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        ledger.accept(Lines.payment("pay-1", "400", commitment: "PO-1"))
        ledger.accept(Lines.closed())
        ledger.accept(Lines.reversal("rev-1", of: "pay-1"))
        #expect(ledger.state().openCommitmentCount == 1, "reversing a paid invoice after closing reopens its commitment")
        ledger.expectRejected(.budgetClosed, Lines.closed("close-again"))
    }
}
