import Testing
import LedgerDomain

/// SPEC 7.2: a reconciliation's `matched` names payments, recoveries and transfers of its own
/// pot (`unknown_event` otherwise), each once across the pot's reconciliations and within the
/// array (`already_reconciled`), checked at the references stage; nothing is written when it is
/// rejected.
@Suite("reconciliation matched: unknown_event and already_reconciled")
struct ReconciliationMatchedTests {
    /// A mixed budget: a direct payment pot (dpt, p1, p2) and a third-party pot (tpt, p3).
    private func ledger() -> InMemoryLedger {
        InMemoryLedger(accepting:
            #"{"id":"open","type":"budget_opened","budget":"M","date":"2025-04-01","person":"P","holding_model":"mixed","pots":["direct_payment","third_party"],"period_start":"2025-04-01","period_end":"2026-03-31"}"#,
            #"{"id":"a1","type":"allocation","budget":"M","date":"2025-04-01","pot":"direct_payment","amount":"1000"}"#,
            #"{"id":"a2","type":"allocation","budget":"M","date":"2025-04-01","pot":"third_party","amount":"1000"}"#,
            #"{"id":"dpt","type":"direct_payment_transfer","budget":"M","date":"2025-04-02","amount":"500"}"#,
            #"{"id":"tpt","type":"third_party_transfer","budget":"M","date":"2025-04-02","organisation":"ISF","amount":"500"}"#,
            #"{"id":"p1","type":"payment","budget":"M","date":"2025-04-10","pot":"direct_payment","payee":"PA","category":"personal_care","amount":"100"}"#,
            #"{"id":"p2","type":"payment","budget":"M","date":"2025-04-12","pot":"direct_payment","payee":"PA","category":"personal_care","amount":"50"}"#,
            #"{"id":"p3","type":"payment","budget":"M","date":"2025-04-12","pot":"third_party","payee":"ISF","category":"personal_care","amount":"70"}"#)
    }

    private func reconciliation(_ id: String, matched: [String], pot: String = "direct_payment", end: String = "2025-04-30") -> String {
        let list = matched.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"id":"\#(id)","type":"reconciliation","budget":"M","date":"\#(end)","pot":"\#(pot)","period_end":"\#(end)","statement_balance":"350","matched":[\#(list)]}"#
    }

    @Test("a reconciliation naming its pot's payments and transfer is accepted, and keeps matched as posted")
    func accepted() throws {
        var ledger = ledger()
        let accepted = ledger.accept(reconciliation("r1", matched: ["p2", "dpt", "p1"]))
        let acceptance = try #require(accepted)
        guard case .reconciliation(_, _, _, _, let matched) = acceptance.event.body else { Issue.record("not a reconciliation"); return }
        #expect(matched == ["p2", "dpt", "p1"])
        // An empty array is a field: it names nothing, and is accepted.
        ledger.accept(reconciliation("r0", matched: [], end: "2025-05-31"))
    }

    @Test("an event named twice in one matched is already_reconciled")
    func namedTwice() {
        var ledger = ledger()
        ledger.expectRejected(.alreadyReconciled, reconciliation("r1", matched: ["p1", "p2", "p1"]))
    }

    @Test("an event an earlier reconciliation of the pot named is already_reconciled")
    func namedByAnEarlierReconciliation() {
        var ledger = ledger()
        ledger.accept(reconciliation("r1", matched: ["p1"]))
        ledger.expectRejected(.alreadyReconciled, reconciliation("r2", matched: ["p2", "p1"], end: "2025-05-31"))
        ledger.accept(reconciliation("r3", matched: ["p2"], end: "2025-05-31"))
    }

    @Test("an event of another pot, of another budget, not a movement, or no event at all is unknown_event",
          arguments: ["p3", "tpt", "a1", "open", "nothing"])
    func unknownEvent(_ id: String) {
        var ledger = ledger()
        ledger.expectRejected(.unknownEvent, reconciliation("r1", matched: ["p1", id]))
    }

    @Test("unknown_event is reported before already_reconciled, wherever it is in the array")
    func unknownBeforeRepeated() {
        var ledger = ledger()
        ledger.expectRejected(.unknownEvent, reconciliation("r1", matched: ["p1", "p1", "p3"]))
    }

    @Test("matched must be an array of event ids")
    func shape() {
        var ledger = ledger()
        ledger.expectRejected(.invalidField, #"{"id":"r1","type":"reconciliation","budget":"M","date":"2025-04-30","pot":"direct_payment","period_end":"2025-04-30","statement_balance":"0","matched":"p1"}"#)
        ledger.expectRejected(.invalidField, #"{"id":"r1","type":"reconciliation","budget":"M","date":"2025-04-30","pot":"direct_payment","period_end":"2025-04-30","statement_balance":"0","matched":[1]}"#)
    }

    @Test("posting the same reconciliation again is a duplicate, not already_reconciled")
    func duplicate() {
        var ledger = ledger()
        let line = reconciliation("r1", matched: ["p1", "p2"])
        let accepted = ledger.accept(line)
        #expect(accepted != nil)
        let outcome = ledger.post(line)
        guard case .duplicate = outcome else { Issue.record("expected a duplicate, got \(outcome)"); return }
    }
}
