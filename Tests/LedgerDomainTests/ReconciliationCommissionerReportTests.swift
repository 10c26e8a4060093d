import LedgerRendering
import Testing
@testable import LedgerDomain

/// The report for January–March 2026 over small budgets whose figures are worked by hand.
@Suite("CommissionerReport: budgets open in a period, money by pot, what needs follow-up")
struct ReconciliationCommissionerReportTests: ReconciliationTesting {
    private let from = "2026-01-01", to = "2026-03-31"

    /// A direct payment of 3,650.00 for the year: weekly rate 3,650 × 7 ÷ 365 = 70.00; 8 weeks 560.00.
    private func directPayment(through last: String) -> ReconciliationBook {
        var book = ReconciliationBook(budget: "DP-1")
        let events: [(String, String, (inout ReconciliationBook) -> Void)] = [
            ("a1", "2025-04-01", { $0.record("a1", "2025-04-01", .allocation(pot: nil, amount: self.money("3650"), direction: nil)) }),
            ("t1", "2025-04-01", { $0.transfer("t1", "2025-04-01", "2000") }),
            ("p1", "2025-09-01", { $0.pay("p1", "2025-09-01", "100") }),
            ("r1", "2025-10-10", { $0.record("r1", "2025-10-10", .reconciliation(pot: nil, periodEnd: self.day("2025-09-30"), statementBalance: self.money("1900"), periodStart: nil)) }),
            // to − 91 days = 2025-12-30: overdue. to − 90 = 2025-12-31: not yet.
            ("p2", "2025-12-30", { $0.pay("p2", "2025-12-30", "10") }),
            ("p3", "2025-12-31", { $0.pay("p3", "2025-12-31", "20") }),
            ("p4", "2026-02-01", { $0.pay("p4", "2026-02-01", "30") }),
            ("p5", "2026-02-02", { $0.pay("p5", "2026-02-02", "5") }),
            ("v1", "2026-02-03", { $0.record("v1", "2026-02-03", .reversal(reverses: "p5", reason: "keyed twice")) }),
            ("c1", "2026-03-01", { $0.record("c1", "2026-03-01", .recovery(pot: nil, amount: self.money("40"), reason: "surplus")) }),
        ]
        for (_, date, apply) in events where date <= last { apply(&book) }
        return book
    }

    private func notional(_ budget: String, periodStart: String = "2025-04-01", periodEnd: String = "2026-03-31", closedOn: String? = nil) -> ReconciliationBook {
        var book = ReconciliationBook(budget: budget, model: .notional, periodStart: periodStart, periodEnd: periodEnd)
        book.record("a1", periodStart, .allocation(pot: nil, amount: money("1000"), direction: nil))
        book.record("k1", periodStart, .notionalCommitment(commitment: "K1", provider: "Care Co", category: "personal_care", amount: money("300")))
        book.record("k2", periodStart, .notionalCommitment(commitment: "K2", provider: "Care Co", category: "personal_care", amount: money("200")))
        book.record("q1", periodStart, .payment(Payment(pot: nil, payee: "Care Co", category: "personal_care", amount: money("200"), commitment: "K2")))
        if let closedOn {
            book.record("r1", closedOn, .commitmentRelease(commitment: "K1", amount: nil))
            book.record("x1", closedOn, .budgetClosed)
        }
        return book
    }

    private var report: CommissionerReport {
        // N-3 is past its plan's period but not closed: still open.
        let atEnd = [directPayment(through: to).state, notional("N-1").state, notional("N-2", closedOn: "2025-12-15").state,
                     notional("N-3", periodStart: "2024-04-01", periodEnd: "2025-03-31").state]
        let beforeStart = [directPayment(through: "2025-12-31").state, notional("N-1").state, notional("N-2", closedOn: "2025-12-15").state,
                           notional("N-3", periodStart: "2024-04-01", periodEnd: "2025-03-31").state]
        return CommissionerReport(atEnd: atEnd, beforeStart: beforeStart, from: day(from), to: day(to), surplusWeeks: 8)
    }

    @Test("open in the period: opened by its end and not closed before its start")
    func openBudgets() {
        // N-2 closed in December; N-3's plan ended a year ago but it was never closed.
        #expect(report.budgetsByModel.map { "\($0.model.rawValue) \($0.count)" } == ["notional 2", "third_party 0", "direct_payment 1", "mixed 0"])
        #expect(report.lines.map(\.budget) == ["DP-1", "N-1", "N-3"])
    }

    @Test("allocated and held at the end; spent and recovered dated in the period")
    func amounts() throws {
        let line = try #require(report.lines.first)
        #expect(line.allocated == money("3650"))
        // p4 (30); p5 and its reversal are both in the period and cancel.
        #expect(line.spent == money("30"))
        #expect(line.recovered == money("40"))
        // 2000 − 100 − 10 − 20 − 30 − 40
        #expect(line.held == money("1800"))
        let directPayment = try #require(report.potTotals.first { $0.pot == .directPayment })
        #expect(directPayment.pots == 1 && directPayment.held == money("1800"))
    }

    @Test("open commitments at the end: each open budget's K1 is open, K2 was paid in full")
    func openCommitments() {
        #expect(report.openCommitments.count == 2)
        #expect(report.openCommitments.amount == money("600"))
    }

    @Test("overdue: unreconciled (after 2025-09-30) and dated more than 90 days before --to")
    func overdue() throws {
        let line = try #require(report.overdueLines.first)
        #expect(report.overdueLines.count == 1)
        #expect(line.overdue.count == 1)  // p2 only: p1 is reconciled, p3 is exactly 90 days old
        #expect(line.overdue.amount == money("10"))
        #expect(line.overdue.oldest == day("2025-12-30"))
        #expect(report.overdueThrough == day("2025-12-30"))
    }

    @Test("surplus: held 1,800.00 − 8 × 70.00 = 1,240.00")
    func surplus() {
        #expect(report.surplusLines.map(\.surplus) == [money("1240")])
    }

    @Test("report --json: fixed keys and order (SPEC 7.2: outstanding_over_90_days after the unreconciled)")
    func json() {
        #expect(String(decoding: CommissionerReportOutput.json(report), as: UTF8.self) == #"{"from":"2026-01-01","to":"2026-03-31","surplus_weeks":8,"budgets":{"notional":2,"third_party":0,"direct_payment":1,"mixed":0,"total":3},"pots":{"notional":{"pots":2,"allocated":"2000.00","spent":"0.00"},"third_party":{"pots":0,"allocated":"0.00","spent":"0.00","recovered":"0.00","held":"0.00"},"direct_payment":{"pots":1,"allocated":"3650.00","spent":"30.00","recovered":"40.00","held":"1800.00"}},"open_commitments":{"count":2,"amount":"600.00"},"unreconciled_over_90_days":[{"budget":"DP-1","pot":"direct_payment","count":1,"amount":"10.00","oldest":"2025-12-30"}],"outstanding_over_90_days":[],"surplus":[{"budget":"DP-1","pot":"direct_payment","held":"1800.00","surplus":"1240.00"}]}"# + "\n")
    }
}
