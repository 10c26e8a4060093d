import Testing
import LedgerDomain

@Suite("idempotency: the id decides first (SPEC 4.2)")
struct IdempotencyTests {
    @Test("the same content again is a duplicate that changes nothing", arguments: [
        // amounts compared as money
        #"{"id":"pay-1","type":"payment","budget":"PHB-1","date":"2025-04-01","payee":"PA J. Okafor","category":"personal_care","amount":"12.50"}"#,
        // fields in another order
        #"{"amount":"12.5","category":"personal_care","payee":"PA J. Okafor","date":"2025-04-01","budget":"PHB-1","type":"payment","id":"pay-1"}"#,
        // envelope fields of an export are ignored
        #"{"id":"pay-1","type":"payment","budget":"PHB-1","date":"2025-04-01","payee":"PA J. Okafor","category":"personal_care","amount":"12.5","seq":99,"version":7,"recorded_at":"2026-04-01T09:30:00.123Z","hash":"00"}"#,
        // the same strings written with escapes
        #"{"id":"pay-1","type":"payment","budget":"PHB-1","date":"2025-04-01","payee":"PA J. Okafor","category":"personal\u005fcare","amount":"12.5"}"#,
    ])
    func duplicate(line: String) {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.payment("pay-1", "12.5"))
        ledger.expectDuplicate(of: 3, line)
    }

    @Test("the same id with other content is id_conflict", arguments: [
        Lines.payment("pay-1", "12.51"), Lines.payment("pay-1", "12.5", date: "2025-04-02"),
        Lines.payment("pay-1", "12.5", pot: "notional"), Lines.payment("pay-1", "12.5", reference: "INV-1"),
        Lines.payment("pay-1", "12.5", category: "transport"), Lines.payment("pay-1", "12.5", budget: "PHB-2"),
        Lines.allocation("pay-1", "12.5"),
        Lines.event("payment", "pay-1", ["payee": "PA J. Okafor", "category": "personal_care", "amount": "12.5", "note": ""]),
        Lines.event("payment", "pay-1", ["payee": "PA J. Okafor", "category": "personal_care", "amount": "12.5", "actor": "me"]),
    ])
    func conflict(line: String) {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.payment("pay-1", "12.5"))
        ledger.expectRejected(.idConflict, line)
    }

    @Test func anOptionalFieldGivenItsDefaultIsOtherContent() {
        var ledger = InMemoryLedger.notional()
        ledger.expectRejected(.idConflict, Lines.allocation("alloc-1", "1000", direction: "increase"))
        ledger.expectRejected(.idConflict, Lines.allocation("alloc-1", "1000", pot: "notional"))
        ledger.expectDuplicate(of: 2, Lines.allocation("alloc-1", "1000.00"))
    }

    @Test func duplicatesAreSuccessesWhateverHasHappenedSince() {
        var ledger = InMemoryLedger.notional()
        ledger.accept(Lines.payment("pay-1", "100"))
        ledger.accept(Lines.reversal("rev-1", of: "pay-1"))
        ledger.accept(Lines.closed())
        ledger.expectDuplicate(of: 1, Lines.open("notional"))
        ledger.expectDuplicate(of: 3, Lines.payment("pay-1", "100"))
        ledger.expectDuplicate(of: 4, Lines.reversal("rev-1", of: "pay-1"))
        ledger.expectDuplicate(of: 5, Lines.closed())
    }

    @Test func aDuplicateOfEveryEventTypeIsRecognised() {
        var ledger = InMemoryLedger(accepting: Lines.open("mixed", pots: ["notional", "third_party", "direct_payment"]))
        let lines = [
            Lines.allocation("alloc-1", "1000", pot: "notional"), Lines.allocation("alloc-2", "1000", pot: "third_party"),
            Lines.allocation("alloc-3", "1000", pot: "direct_payment", direction: "increase"),
            Lines.commitment("commit-1", "PO-1", "100"), Lines.release("release-1", "PO-1", "10"),
            Lines.thirdPartyTransfer("tpt-1", "100"), Lines.directPaymentTransfer("dpt-1", "100"),
            Lines.payment("pay-1", "10", commitment: "PO-1", reference: "INV-1"),
            Lines.payment("pay-2", "10", pot: "direct_payment"),
            Lines.recovery("recover-1", "10", pot: "third_party"),
            Lines.reconciliation("recon-1", periodEnd: "2025-04-30", statementBalance: "0", pot: "direct_payment",
                                 periodStart: "2025-04-01"),
            Lines.reversal("rev-1", of: "pay-2"), Lines.release("release-2", "PO-1"), Lines.closed(),
        ]
        ledger.accept(all: lines)
        for (offset, line) in lines.enumerated() { ledger.expectDuplicate(of: UInt64(offset + 2), line) }
        ledger.expectDuplicate(of: 1, Lines.open("mixed", pots: ["notional", "third_party", "direct_payment"]))
    }
}
