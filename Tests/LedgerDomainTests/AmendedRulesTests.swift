import Testing
import LedgerDomain

/// The rules SPEC 4.1, 4.2 and 4.4 added on 2026-11-30. Every refusal is checked with its exact
/// code and with the ledger unchanged afterwards (`expectRejected`).
@Suite("SPEC 4.2 and 4.4 as amended: dates, periods, releases after closing, text, envelope")
struct AmendedRulesTests {
    /// PHB-1, direct payment, opened on 1 July 2025 with £1,200 allocated and £400 paid over.
    private func openedInJuly() -> InMemoryLedger {
        InMemoryLedger(accepting: Lines.open("direct_payment", date: "2025-07-01"),
                       Lines.allocation("alloc-1", "1200", date: "2025-07-01"),
                       Lines.directPaymentTransfer("dpt-1", "400", date: "2025-07-01"))
    }

    // MARK: date_before_opening

    @Test("an event of any type dated before its budget's opening is date_before_opening", arguments: [
        Lines.allocation("x", "10", date: "2025-06-30"),
        Lines.directPaymentTransfer("x", "10", date: "2025-06-30"),
        Lines.payment("x", "10", date: "2025-01-01"),
        Lines.recovery("x", "10", date: "2025-06-30"),
        Lines.reconciliation("x", periodEnd: "2025-06-30", statementBalance: "0"),
        Lines.reversal("x", of: "dpt-1", date: "2025-06-30"),
        Lines.closed(date: "2025-06-30"),
        // before the pot, the category, the references and the funds
        Lines.payment("x", "99999", pot: "notional", category: "alcohol", commitment: "PO-404", date: "2025-06-30"),
        Lines.reversal("x", of: "no-such-event", date: "2025-06-30"),
        Lines.thirdPartyTransfer("x", "99999", date: "2025-06-30"),
    ])
    func datedBeforeOpening(line: String) {
        var ledger = openedInJuly()
        ledger.expectRejected(.dateBeforeOpening, line)
    }

    @Test func theOpeningDayItselfIsAccepted() {
        var ledger = openedInJuly()
        ledger.accept(Lines.payment("pay-1", "10", date: "2025-07-01"))
        #expect(ledger.pot(.directPayment).spent == Money(pence: 1000))
    }

    @Test func theShapeAndAnUnknownBudgetAreReportedBeforeTheDate() {
        var ledger = openedInJuly()
        ledger.expectRejected(.invalidField, Lines.payment("x", "0", date: "2025-06-30"))
        ledger.expectRejected(.unknownBudget, Lines.payment("x", "10", budget: "PHB-404", date: "1999-12-31"))
        ledger.expectRejected(.budgetExists, Lines.open("notional", id: "open-again", date: "2025-01-01"))
    }

    @Test func theDateIsReportedBeforeBudgetClosed() {
        var ledger = openedInJuly()
        ledger.accept(Lines.closed(date: "2026-03-31"))
        ledger.expectRejected(.dateBeforeOpening, Lines.allocation("x", "10", date: "2025-06-30"))
        ledger.expectRejected(.budgetClosed, Lines.allocation("x", "10", date: "2025-07-01"))
    }

    // MARK: reconciliation periods

    @Test("a statement period must have ended when it is recorded", arguments: [
        (Lines.reconciliation("x", periodEnd: "2025-07-31", statementBalance: "400", date: "2025-07-30"), RejectionCode.invalidField),
        (Lines.reconciliation("x", periodEnd: "9999-12-31", statementBalance: "400", date: "2025-08-01"), .invalidField),
        (Lines.reconciliation("x", periodEnd: "2025-07-31", statementBalance: "400", periodStart: "2025-08-01", date: "2025-08-02"), .invalidField),
        // the shape is checked before the budget
        (Lines.reconciliation("x", periodEnd: "2025-07-31", statementBalance: "0", budget: "PHB-404", date: "2025-07-30"), .invalidField),
    ])
    func periodAfterTheRecordingDate(line: String, code: RejectionCode) {
        var ledger = openedInJuly()
        ledger.expectRejected(code, line)
    }

    @Test func aPeriodEndingOnTheDayOfRecordingIsAccepted() {
        var ledger = openedInJuly()
        ledger.accept(Lines.reconciliation("recon-1", periodEnd: "2025-07-31", statementBalance: "400", periodStart: "2025-07-01", date: "2025-07-31"))
        #expect(ledger.pot(.directPayment).lastReconciliation?.status == "balanced")
    }

    // MARK: commitment_release after closing

    @Test func aCommitmentReopenedAfterClosingCanBeReleased() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.commitment("commit-1", "PO-1", "400"))
        ledger.accept(Lines.payment("pay-1", "400", commitment: "PO-1"))
        ledger.accept(Lines.closed(date: "2026-03-31"))
        ledger.accept(Lines.reversal("rev-1", of: "pay-1", date: "2026-04-02"))
        #expect(ledger.state().openCommitmentCount == 1, "the credited invoice reopened PO-1")
        ledger.accept(Lines.release("release-1", "PO-1", "150", date: "2026-04-03"))
        ledger.accept(Lines.release("release-2", "PO-1", date: "2026-04-03"))
        #expect(ledger.state().openCommitmentCount == 0)
        #expect(ledger.pot(.notional).summary == "allocated 1000.00, committed 0.00, spent 0.00, available 1000.00, remaining 1000.00")
        ledger.expectRejected(.insufficientFunds, Lines.release("release-3", "PO-1", date: "2026-04-04"))
        ledger.expectRejected(.unknownCommitment, Lines.release("release-3", "PO-404", date: "2026-04-04"))
        ledger.expectRejected(.budgetClosed, Lines.commitment("commit-2", "PO-2", "1", date: "2026-04-04"))
    }

    // MARK: control characters (SPEC 4.4)

    /// Written through `JSONWriter`, so U+0000–U+001F arrive escaped (`\u001b`) and the C1 range
    /// and DEL arrive raw (valid JSON): both decoding paths are met.
    @Test("no text field may hold a Cc character", arguments: ["\u{1B}[2J", "\u{85}", "\u{7F}", "\u{00}", "\u{9F}", "\r\n", "\t"])
    func controlCharacters(control: String) {
        var ledger = InMemoryLedger.twoBudgets()
        let dp = DirectPaymentBudget.id
        for line in [
            Lines.event("payment", "x", budget: dp, ["payee": "PA" + control, "category": "personal_care", "amount": "1"]),
            Lines.event("payment", "x", budget: dp, ["payee": "PA", "category": "personal_care", "amount": "1", "reference": control]),
            Lines.event("recovery", "x", budget: dp, ["amount": "1", "reason": "Surplus" + control]),
            Lines.event("notional_commitment", "x", ["commitment": "PO-9", "provider": control + "Care", "category": "respite", "amount": "1"]),
            Lines.event("third_party_transfer", "x", ["organisation": "ISF" + control, "amount": "1"]),
            Lines.event("allocation", "x", ["amount": "1", "note": "a" + control + "b"]),
            Lines.event("allocation", "x", ["amount": "1", "actor": control]),
            Lines.event("budget_opened", "x", budget: "PHB-3", ["person": "P" + control, "holding_model": "notional",
                                                                 "period_start": "2025-04-01", "period_end": "2026-03-31"]),
            Lines.event("allocation", "x", ["amount": "1", "hash": control]),
            Lines.event("allocation", "x", ["amount": "1", "recorded_at": "2026-04-01T09:00:00.000Z" + control]),
        ] {
            ledger.expectRejected(.invalidField, line)
        }
    }

    @Test("the characters either side of the Cc ranges are text", arguments: ["\u{20}", "\u{7E}", "\u{A0}", "\u{2028}", "\u{600}<b>", "é😀"])
    func charactersNextToTheControlRanges(text: String) {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.accept(Lines.event("payment", "x", budget: DirectPaymentBudget.id,
                                  ["payee": "PA" + text, "category": "personal_care", "amount": "1", "note": text]))
    }

    @Test func anEscapedControlCharacterIsRefusedLikeARawOne() {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.expectRejected(.invalidField, #"{"id":"x","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1","note":"a\u0085b"}"#)
        ledger.expectRejected(.invalidField, #"{"id":"x","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1","note":"a\u007Fb"}"#)
        // a raw byte below 0x20 inside a string is not JSON at all
        ledger.expectRejected(.malformedJSON, "{\"id\":\"x\",\"type\":\"allocation\",\"budget\":\"PHB-1\",\"date\":\"2025-04-01\",\"amount\":\"1\",\"note\":\"a\u{1B}b\"}")
    }

    // MARK: budget ids

    @Test("a budget id may not be . or ..", arguments: [".", ".."])
    func dotBudgets(budget: String) {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.expectRejected(.invalidField, Lines.open("notional", id: "x", budget: budget))
        ledger.expectRejected(.invalidField, Lines.allocation("x", "1", budget: budget))
    }

    @Test func otherIdsOfDotsAreBudgets() {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.accept(Lines.open("notional", id: "x", budget: "..."))
        ledger.expectRejected(.unknownBudget, Lines.allocation("y", "1", budget: ".a"))
    }

    // MARK: envelope fields

    @Test("an envelope field of the wrong JSON type is invalid_field", arguments: [
        #""seq":"7""#, #""seq":true"#, #""seq":null"#, #""version":[1]"#, #""version":{}"#,
        #""recorded_at":1764460800"#, #""recorded_at":null"#, #""hash":["00"]"#, #""hash":false"#,
    ])
    func wrongEnvelopeType(member: String) {
        var ledger = InMemoryLedger.twoBudgets()
        ledger.expectRejected(.invalidField, #"{"id":"x","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1",\#(member)}"#)
    }

    @Test func wellTypedEnvelopeFieldsAreStillIgnored() {
        var ledger = InMemoryLedger.twoBudgets()
        let line = #"{"id":"x","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1","seq":-1.5e3,"version":0,"recorded_at":"not a time","hash":"zz"}"#
        let acceptance = ledger.accept(line)
        #expect(acceptance?.event == ledger.recordedEvent(id: "x")?.event)
        ledger.expectDuplicate(of: 8, #"{"id":"x","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1.00"}"#)
    }
}
