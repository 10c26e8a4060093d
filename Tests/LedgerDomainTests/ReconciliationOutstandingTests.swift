import LedgerRendering
import Testing
@testable import LedgerDomain

/// SPEC 7.2, worked by hand: a direct payment account where the PA's April cheque (p1, 200.00
/// on 10 April) is not on April's statement, which was posted naming what it matched.
@Suite("Reconciliation: outstanding items, cleared by name or by date, and timing")
struct ReconciliationOutstandingTests: ReconciliationTesting {
    private func book(aprilMatched: [String]? = ["t1", "p2"]) -> ReconciliationBook {
        var book = ReconciliationBook()
        book.record("a1", "2025-04-01", .allocation(pot: nil, amount: money("5200"), direction: nil))
        book.transfer("t1", "2025-04-01", "1000")
        book.pay("p1", "2025-04-10", "200", reference: "CHQ-100")
        book.pay("p2", "2025-04-15", "50")
        book.record("r1", "2025-04-30", .reconciliation(pot: nil, periodEnd: day("2025-04-30"), statementBalance: money("950"),
                                                         periodStart: day("2025-04-01"), matched: aprilMatched))
        book.pay("p3", "2025-05-20", "30")
        return book
    }

    private func reconcile(_ book: ReconciliationBook, _ rows: String, start: String? = nil, end: String = "2025-05-31",
                           id: String? = nil) throws -> Reconciliation {
        let period = try #require(StatementPeriod.resolve(end: day(end), start: start.map(day), history: book.history(), opening: book.state.opening))
        return try Reconciliation(state: book.state, history: book.history(), statement: try statement("date,description,amount\n" + rows),
                              period: period, surplusWeeks: 8, eventID: id)
    }

    private func ids(_ movements: [PotMovement]) -> [String] { movements.map(\.id) }

    @Test("the cheque clears a month late: offered as an outstanding item, matched, and named in the event")
    func chequeClearsLate() throws {
        let result = try reconcile(book(), "2025-05-12,CHEQUE 100,-200\n2025-05-21,CARD,-30\n")
        #expect(result.period.start == day("2025-05-01"))
        #expect(result.match.matched.map { "\($0.row.line)-\($0.movement.id)" } == ["2-p1", "3-p3"])
        #expect(result.match.outstanding.isEmpty && result.match.ledgerOnly.isEmpty && result.match.statementOnly.isEmpty)
        #expect(result.timing == .zero)
        guard case .reconciliation(_, _, _, _, let matched) = result.event().body else { Issue.record("not a reconciliation"); return }
        #expect(matched == ["p1", "p3"])
    }

    @Test("not on the statement yet: listed as outstanding, and its amount is timing")
    func stillOutstanding() throws {
        let result = try reconcile(book(), "2025-05-21,CARD,-30\n")
        #expect(ids(result.match.outstanding) == ["p1"])
        // April closed at 950.00; May's statement: 950 − 30 = 920.00; held at 31 May: 1000 − 200 − 50 − 30 = 720.00.
        #expect(result.record.statementBalance == money("920"))
        #expect(result.record.expected == money("720"))
        #expect(result.record.variance == money("200"))
        #expect(result.timing == money("-200"))  // variance + timing = 0: all of it timing
    }

    @Test("offered up to 90 days after its date, not 91", arguments: [("2025-07-09", true), ("2025-07-10", false)])
    func ninetyDays(_ date: String, _ matches: Bool) throws {
        let result = try reconcile(book(), "\(date),CHEQUE 100,-200\n", end: "2025-07-31")
        #expect(result.period.start == day("2025-05-01"))
        #expect(ids(result.match.outstanding) == (matches ? [] : ["p1"]))
        #expect(result.match.statementOnly.count == (matches ? 0 : 1))
    }

    @Test("the period's own items are matched first; an outstanding item only takes a row left over")
    func periodFirst() throws {
        var book = book()
        book.pay("p4", "2025-05-02", "200")
        // One row of 200 on 3 May: p4 (1 day) takes it in the first pass; p1 stays outstanding.
        let result = try reconcile(book, "2025-05-03,PA,-200\n")
        #expect(result.match.matched.map(\.movement.id) == ["p4"])
        #expect(ids(result.match.outstanding) == ["p1"])
    }

    @Test("outstanding items follow SPEC 7's preference: the reference, then the fewest days")
    func preference() throws {
        var book = book(aprilMatched: ["t1"])  // p1 and p2 both outstanding
        book.pay("p5", "2025-04-20", "50", reference: "INV-5")
        let fewestDays = try reconcile(book, "2025-05-02,PA,-50\n")
        #expect(fewestDays.match.matched.map(\.movement.id) == ["p5"])  // 12 days from p5, 17 from p2
        let referenced = try statement("date,description,amount,reference\n2025-05-02,PA,-50,PAYSLIP\n2025-05-03,INV,-50,inv-5\n")
        let period = try #require(StatementPeriod.resolve(end: day("2025-05-31"), start: nil, history: book.history(), opening: book.state.opening))
        let result = try Reconciliation(state: book.state, history: book.history(), statement: referenced, period: period, surplusWeeks: 8)
        // Line 3 carries p5's reference: that pair first; line 2 then takes p2 (the one left).
        #expect(result.match.matched.map { "\($0.row.line)-\($0.movement.id)" } == ["2-p2", "3-p5"])
    }

    @Test("a reconciliation without matched clears by date; with matched, only what it names")
    func clearedByDateOrByName() throws {
        // April re-run under another id: r1 named t1 and p2, so only p1 is offered again.
        let named = try reconcile(book(), "2025-04-02,ICB,1000\n2025-04-10,CHQ,-200\n", start: "2025-04-01", end: "2025-04-30", id: "other")
        #expect(named.match.matched.map(\.movement.id) == ["p1"])
        #expect(named.match.statementOnly.map(\.line) == [2])
        // The same without matched: r1 cleared everything to 30 April; nothing is offered.
        let byDate = try reconcile(book(aprilMatched: nil), "2025-04-02,ICB,1000\n2025-04-10,CHQ,-200\n", start: "2025-04-01", end: "2025-04-30",
                                   id: "other")
        #expect(byDate.match.matched.isEmpty && byDate.match.ledgerOnly.isEmpty)
        // Under r1's own id the statement is matched as it was, so posting it again is a duplicate.
        let same = try reconcile(book(), "2025-04-02,ICB,1000\n2025-04-15,CARD,-50\n", start: "2025-04-01", end: "2025-04-30", id: "r1")
        #expect(same.match.matched.map(\.movement.id) == ["t1", "p2"])
        #expect(ids(same.match.ledgerOnly) == ["p1"])
    }

    @Test("an empty matched clears nothing: every earlier item stays outstanding")
    func emptyMatched() throws {
        let result = try reconcile(book(aprilMatched: []), "2025-05-21,CARD,-30\n")
        #expect(ids(result.match.outstanding) == ["t1", "p1", "p2"])
        // A transfer not yet received counts +, payments not yet taken −: 1000 − 200 − 50.
        #expect(result.timing == money("750"))
    }

    @Test("report: a pot's outstanding items, dated on or before its latest period_end and cleared by none")
    func reportOutstanding() {
        #expect(ids(book().history().outstanding) == ["p1"])
        #expect(ids(book(aprilMatched: nil).history().outstanding) == [])
    }
}

@Suite("report: outstanding items over 90 days old, per pot (SPEC 7.2)")
struct ReconciliationOutstandingReportTests: ReconciliationTesting {
    private func report(to: String) -> CommissionerReport {
        var book = ReconciliationBook()
        book.record("a1", "2025-04-01", .allocation(pot: nil, amount: money("5200"), direction: nil))
        book.transfer("t1", "2025-04-01", "1000")
        book.pay("p1", "2025-04-10", "200")
        book.record("r1", "2025-04-30", .reconciliation(pot: nil, periodEnd: day("2025-04-30"), statementBalance: money("1000"),
                                                         periodStart: nil, matched: ["t1"]))
        let outstanding = ["PHB-T": [Pot.directPayment: book.history().outstanding]]
        return CommissionerReport(atEnd: [book.state], beforeStart: [], from: day("2025-04-01"), to: day(to), surplusWeeks: 8,
                                  outstandingItems: outstanding)
    }

    @Test("the uncashed cheque of 10 April is listed from 91 days on")
    func listed() throws {
        #expect(report(to: "2025-07-09").outstanding.isEmpty)  // 90 days
        let line = try #require(report(to: "2025-07-10").outstanding.first)
        #expect(line.budget == "PHB-T" && line.pot == .directPayment && line.count == 1)
        #expect(line.amount == money("200") && line.oldest == day("2025-04-10"))
        #expect(String(decoding: CommissionerReportOutput.json(report(to: "2025-07-10")), as: UTF8.self)
            .contains(#""outstanding_over_90_days":[{"budget":"PHB-T","pot":"direct_payment","count":1,"amount":"200.00","oldest":"2025-04-10"}]"#))
    }
}
