import Testing
@testable import LedgerDomain

@Suite("PotHistory and StatementPeriod: what a statement is matched against, and from when")
struct ReconciliationPeriodTests: ReconciliationTesting {
    private func reconcile(_ book: inout ReconciliationBook, _ id: String, end: String, balance: String, pot: Pot? = nil) {
        book.record(id, end, .reconciliation(pot: pot, periodEnd: day(end), statementBalance: money(balance), periodStart: nil))
    }

    private func start(_ book: ReconciliationBook, end: String, given: String? = nil) -> String? {
        StatementPeriod.resolve(end: day(end), start: given.map(day), history: book.history(), opening: book.state.opening)?.start.description
    }

    @Test("before any reconciliation the period starts on the budget's period_start")
    func firstPeriod() {
        #expect(start(ReconciliationBook(periodStart: "2025-07-01"), end: "2025-09-30") == "2025-07-01")
    }

    @Test("else the day after the latest reconciled period_end")
    func afterLatest() {
        var book = ReconciliationBook()
        reconcile(&book, "r1", end: "2025-06-30", balance: "10")
        reconcile(&book, "r2", end: "2025-09-30", balance: "20")
        #expect(start(book, end: "2025-12-31") == "2025-10-01")
    }

    @Test("a reconciliation ending on or after --period-end does not count: a period can be reconciled again")
    func reconcileAgain() {
        var book = ReconciliationBook()
        reconcile(&book, "r1", end: "2025-06-30", balance: "10")
        reconcile(&book, "r2", end: "2025-09-30", balance: "20")
        reconcile(&book, "r3", end: "2025-12-31", balance: "30")
        #expect(start(book, end: "2025-09-30") == "2025-07-01")
        #expect(start(book, end: "2025-06-30") == "2025-04-01")
    }

    @Test("--period-start overrides the default")
    func given() {
        var book = ReconciliationBook()
        reconcile(&book, "r1", end: "2025-06-30", balance: "10")
        #expect(start(book, end: "2025-09-30", given: "2025-08-01") == "2025-08-01")
    }

    @Test("a period ending before the budget starts has no default start")
    func beforeTheBudget() {
        #expect(start(ReconciliationBook(periodStart: "2025-07-01"), end: "2025-06-30") == nil)
    }

    @Test("of two reconciliations with the same period_end, the later recorded is the latest")
    func tie() {
        var book = ReconciliationBook()
        reconcile(&book, "r1", end: "2025-06-30", balance: "10")
        reconcile(&book, "r2", end: "2025-06-30", balance: "12")
        #expect(book.history().latestReconciliation(before: day("2025-07-01"))?.statementBalance == money("12"))
        #expect(book.history().latestReconciliation(before: day("2025-06-30")) == nil)
    }

    @Test("movements: the pot's transfers, payments and recoveries that no reversal undoes, in seq order")
    func movements() {
        var book = ReconciliationBook(model: .mixed, pots: [.directPayment, .thirdParty])
        book.record("a1", "2025-04-01", .allocation(pot: .directPayment, amount: money("1000"), direction: nil))
        book.transfer("t1", "2025-04-01", "500")
        book.transfer("t2", "2025-04-01", "300", into: .thirdParty)
        book.pay("p1", "2025-04-05", "20", pot: .directPayment, reference: "R-1")
        book.pay("p2", "2025-04-06", "30", pot: .directPayment)
        book.pay("p3", "2025-04-06", "40", pot: .thirdParty)
        book.record("v1", "2025-04-20", .reversal(reverses: "p2", reason: "keyed twice"))
        book.record("c1", "2025-04-21", .recovery(pot: .directPayment, amount: money("50"), reason: "surplus"))
        reconcile(&book, "r1", end: "2025-04-30", balance: "400", pot: .thirdParty)
        let history = book.history(.directPayment)
        #expect(history.movements.map(\.id) == ["t1", "p1", "c1"])
        #expect(history.movements.map(\.statementAmount) == [money("500"), money("-20"), money("-50")])
        #expect(history.movements[1].reference == "R-1")
        #expect(history.reconciliations.isEmpty)
        #expect(book.history(.thirdParty).movements.map(\.id) == ["t2", "p3"])
        #expect(book.history(.thirdParty).reconciliations.map(\.seq) == [10])
    }
}
