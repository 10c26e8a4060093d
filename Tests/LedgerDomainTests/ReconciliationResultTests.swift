import LedgerRendering
import Testing
@testable import LedgerDomain

/// A direct payment budget of 5,200.00 for the year, paid over 1,300.00 at a time. April was
/// reconciled (balanced at 1,064.50); May's statement is below. Every figure is worked by hand
/// in the comments.
@Suite("Reconciliation: matching, closing balance and the figures a reconciliation event records")
struct ReconciliationResultTests: ReconciliationTesting {
    private var book: ReconciliationBook {
        var book = ReconciliationBook()
        book.record("a1", "2025-04-01", .allocation(pot: nil, amount: money("5200"), direction: nil))
        book.transfer("t1", "2025-04-01", "1300")
        book.pay("p1", "2025-04-10", "200", reference: "PAYSLIP-1")
        book.pay("p2", "2025-04-20", "35.50")
        book.record("r1", "2025-05-03", .reconciliation(pot: nil, periodEnd: day("2025-04-30"), statementBalance: money("1064.50"), periodStart: nil))
        book.transfer("t2", "2025-05-01", "1300")
        book.pay("p3", "2025-05-10", "200", reference: "PAYSLIP-2")
        book.pay("p6", "2025-05-15", "40")
        book.record("v1", "2025-05-16", .reversal(reverses: "p6", reason: "paid from the person's own money"))
        book.pay("p4", "2025-05-30", "12")
        book.pay("p5", "2025-06-02", "99")
        return book
    }

    /// Line 2 (April) and line 6 (June) are outside the period; line 4 has no balance.
    private let mayStatement = """
        Date,Description,Amount,Reference,Balance\r
        2025-04-30,CARD OLD,-35.50,,1064.50\r
        2025-05-02,ICB DIRECT PAYMENT,1300.00,,2364.50\r
        2025-05-10,FP PA A SMITH,-200.00,payslip-2,\r
        2025-05-18,"CARD TESCO, KINGS ROAD",-23.10,,2141.40\r
        2025-06-01,FEE,-5.00,,2136.40\r

        """

    private func reconcile(_ text: String, end: String = "2025-05-31", weeks: Int = 8, id: String? = nil) throws -> Reconciliation {
        let book = self.book
        let period = try #require(StatementPeriod.resolve(end: day(end), start: nil, history: book.history(), opening: book.state.opening))
        return try Reconciliation(state: book.state, history: book.history(), statement: try statement(text), period: period, surplusWeeks: weeks,
                                  eventID: id)
    }

    @Test("matches, one side only, and the figures")
    func may() throws {
        let result = try reconcile(self.mayStatement)
        #expect(result.period == (try StatementPeriod(start: day("2025-05-01"), end: day("2025-05-31"))))
        #expect(result.match.matched.map { "\($0.row.line)-\($0.movement.id)" } == ["3-t2", "4-p3"])
        #expect(result.match.statementOnly.map(\.line) == [5])
        #expect(result.match.ledgerOnly.map(\.id) == ["p4"])  // p6 is reversed, p5 is June's
        #expect(result.rowsOutsidePeriod == 2)
        // held at 31 May: 1300 − 200 − 35.50 + 1300 − 200 − 12 (p6 and its reversal cancel) = 2152.50
        #expect(result.record.expected == money("2152.50"))
        // the last filled balance cell in the period: line 5
        #expect(result.record.statementBalance == money("2141.40"))
        #expect(result.record.variance == money("-11.10"))
        #expect(result.record.status == "discrepancy")
        // rate ⌊520,000 × 7 ÷ 365⌋ = 9,972 p; 8 weeks = 797.76; 2141.40 − 797.76
        #expect(result.surplus == money("1343.64"))
    }

    @Test("the figures are exactly what the projector records when the event is posted")
    func pairedWithProjector() throws {
        let result = try reconcile(self.mayStatement)
        var state = book.state
        try Projector.apply(result.event(), to: &state)
        #expect(state.balances(of: .directPayment)?.lastReconciliation == result.record)
    }

    @Test("without a balance column: the previous statement_balance plus the period's amounts")
    func withoutBalanceColumn() throws {
        let text = mayStatement.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") }
            .joined(separator: "\n")
        // 1064.50 (April's statement) + 1300 − 200 − 23.10 = 2141.40; lines 2 and 6 are outside.
        #expect(try reconcile(text).record.statementBalance == money("2141.40"))
    }

    @Test("a balance column left empty for the whole period falls back to the same sum")
    func emptyBalanceColumn() throws {
        let text = "date,description,amount,balance\n2025-05-02,ICB,1300.00,\n2025-05-10,PA,-200.00,\n"
        #expect(try reconcile(text).record.statementBalance == money("2164.50"))
    }

    @Test("a statement that shows every movement balances")
    func balanced() throws {
        let april = "date,description,amount\n2025-04-02,ICB,1300\n2025-04-10,PA,-200\n2025-04-21,CARD,-35.5\n"
        // April's own reconciliation r1, run again under its id (SPEC 7.2: under another id,
        // r1 would have cleared every event and none would be offered).
        let result = try reconcile(april, end: "2025-04-30", id: "r1")
        #expect(result.period.start == day("2025-04-01"))  // r1 ends on 30 April itself: not before it
        #expect(result.match.statementOnly.isEmpty && result.match.ledgerOnly.isEmpty)
        #expect(result.record.variance == .zero)
        #expect(result.record.status == "balanced")
    }

    @Test("the event to post: dated period_end, naming its pot, period start and (SPEC 7.2) the events matched in line order; the default id")
    func event() throws {
        let result = try reconcile(self.mayStatement)
        let id = Reconciliation.defaultEventID(budget: "PHB-T", pot: .directPayment, periodEnd: day("2025-05-31"))
        #expect(id == "reconciliation:PHB-T:direct_payment:2025-05-31")
        #expect(result.eventID == id)
        var writer = JSONWriter()
        writer.beginObject()
        EventEncoder.writeFields(of: result.event(), into: &writer)
        writer.endObject()
        #expect(writer.text == #"{"id":"reconciliation:PHB-T:direct_payment:2025-05-31","type":"reconciliation","budget":"PHB-T","date":"2025-05-31","pot":"direct_payment","period_end":"2025-05-31","statement_balance":"2141.40","period_start":"2025-05-01","matched":["t2","p3"]}"#)
    }

    @Test("reconcile --json: SPEC 7's keys in order, statement amounts signed, ledger amounts positive; 7.2's outstanding and timing last")
    func json() throws {
        let text = String(decoding: ReconciliationOutput.json(try reconcile(self.mayStatement)), as: UTF8.self)
        // r1 has no `matched`: it cleared everything to 30 April, so nothing is outstanding;
        // timing is p4, a payment the bank has not taken: −12.00.
        #expect(text == #"{"budget":"PHB-T","pot":"direct_payment","period_start":"2025-05-01","period_end":"2025-05-31","matched":[{"line":3,"id":"t2"},{"line":4,"id":"p3"}],"statement_only":[{"line":5,"date":"2025-05-18","amount":"-23.10","description":"CARD TESCO, KINGS ROAD"}],"ledger_only":[{"id":"p4","type":"payment","date":"2025-05-30","amount":"12.00"}],"expected":"2152.50","statement_balance":"2141.40","variance":"-11.10","status":"discrepancy","surplus":"1343.64","outstanding":[],"timing":"-12.00"}"# + "\n")
    }
}
