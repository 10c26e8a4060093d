import Testing
import LedgerDomain

/// The section 9 reports over hand-built care-plan states. The expected figures are the
/// hand-worked cases of Fixtures/tools/test_careplan_model.py, worked from SPEC 9.
@Suite("Care plan reports: plan, due, reviews, repayments, quarter")
struct CarePlanReportTests {
    private func date(_ text: String) throws -> CalendarDate { try #require(CalendarDate(iso: text)) }
    private func pounds(_ pence: Int64) -> Money { Money(pence: pence * 100) }
    private func text(_ bytes: [UInt8]?) -> String { String(decoding: bytes ?? [], as: UTF8.self) }

    private func budget(_ id: String = "B-1", model: HoldingModel = .notional, opened: String = "2025-04-01",
                        periodEnd: String = "2026-03-31", isClosed: Bool = false, plan: CarePlanState,
                        allocated: Money = .zero) throws -> CarePlanBudget {
        let opening = BudgetOpening(person: "P-1", holdingModel: model, pots: nil,
                                    periodStart: try date(opened), periodEnd: try date(periodEnd))
        return CarePlanBudget(budget: id, opening: opening, openedOn: try date(opened), isClosed: isClosed,
                              carePlan: plan, allocated: allocated)
    }

    @Test("plan: an amended line keeps its money; payments of no line are sorted against the lines' categories")
    func planReport() throws {
        var plan = CarePlanState()
        var spending = PlanSpending()
        plan.setLine(name: "care", pot: .notional, category: "personal_care", funding: .joint, planned: pounds(600))
        plan.commit("C1", line: "care")
        try spending.commit("C1", line: "care", amount: pounds(200), in: plan)
        try spending.changeOpenAmount(of: "C1", by: pounds(-50))
        try spending.pay(pot: .notional, category: "personal_care", amount: pounds(50), line: nil, commitment: "C1", sign: 1, in: plan)
        try spending.pay(pot: .notional, category: "personal_care", amount: pounds(30), line: "care", commitment: nil, sign: 1, in: plan)
        try spending.pay(pot: .notional, category: "personal_care", amount: pounds(7), line: nil, commitment: nil, sign: 1, in: plan)
        try spending.pay(pot: .notional, category: "transport", amount: pounds(9), line: nil, commitment: nil, sign: 1, in: plan)
        // a payment naming a line the view does not hold belongs to none
        try spending.pay(pot: .notional, category: "transport", amount: pounds(1), line: "later", commitment: nil, sign: 1, in: plan)
        // replaced whole: funding back to nhs
        plan.setLine(name: "care", pot: .notional, category: "personal_care", funding: .nhs, planned: pounds(700))
        let report = try #require(PlanReport(try budget(plan: plan, allocated: pounds(1000)), spending: spending))
        #expect(text(report.jsonLines) == """
            {"line":"care","pot":"notional","category":"personal_care","funding":"nhs","planned":"700.00","committed":"150.00","spent":"80.00","left":"470.00"}
            {"unattributed":{"count":1,"amount":"7.00"},"outside_plan":{"count":2,"amount":"10.00"},"planned":"700.00","allocated":"1000.00"}

            """)
        // a reversed payment no longer counts
        try spending.pay(pot: .notional, category: "personal_care", amount: pounds(30), line: "care", commitment: nil, sign: -1, in: plan)
        try spending.pay(pot: .notional, category: "transport", amount: pounds(9), line: nil, commitment: nil, sign: -1, in: plan)
        let after = try #require(PlanReport(try budget(plan: plan, allocated: pounds(1000)), spending: spending))
        #expect(after.rows[0].spent == pounds(50))
        #expect(after.outsidePlan == PaymentTally(count: 1, amount: pounds(1)))
    }

    @Test("due: monthly from 31 January gives 31 Jan, 28 Feb, 31 Mar; recorded ids and stopped days are left out")
    func dueReport() throws {
        var plan = CarePlanState()
        plan.setSchedule(name: "S", kind: .directPaymentTransfer, organisation: nil,
                         segment: .init(first: try date("2026-01-31"), amount: Money(pence: 1250), every: .month, last: nil))
        let budgets = [try budget(model: .directPayment, opened: "2025-04-01", periodEnd: "2026-12-31", plan: plan)]
        let report = DueReport(to: try date("2026-03-31"), budgets: budgets) { _ in false }
        #expect(text(report.jsonLines) == """
            {"id":"schedule:B-1:S:2026-01-31","type":"direct_payment_transfer","budget":"B-1","date":"2026-01-31","amount":"12.50"}
            {"id":"schedule:B-1:S:2026-02-28","type":"direct_payment_transfer","budget":"B-1","date":"2026-02-28","amount":"12.50"}
            {"id":"schedule:B-1:S:2026-03-31","type":"direct_payment_transfer","budget":"B-1","date":"2026-03-31","amount":"12.50"}
            {"due":3,"amount":"37.50"}

            """)
        plan.review(ReviewRecord(date: try date("2026-03-01"), outcome: .suspend, nextReview: try date("2026-04-01")))
        let stopped = DueReport(to: try date("2026-03-31"),
                                budgets: [try budget(model: .directPayment, periodEnd: "2026-12-31", plan: plan)]) {
            $0 == "schedule:B-1:S:2026-01-31"
        }
        #expect(stopped.instalments.map(\.date.description) == ["2026-02-28"])
        let closed = DueReport(to: try date("2026-03-31"),
                               budgets: [try budget(model: .directPayment, isClosed: true, plan: plan)]) { _ in false }
        #expect(closed.instalments.isEmpty)
    }

    @Test("a third-party instalment names its organisation before the amount; an amendment starts a segment")
    func thirdPartySegments() throws {
        var plan = CarePlanState()
        plan.setSchedule(name: "Q", kind: .thirdPartyTransfer, organisation: "ISF Ltd",
                         segment: .init(first: try date("2025-04-07"), amount: pounds(100), every: .twoWeeks,
                                        last: try date("2025-05-01")))
        plan.setSchedule(name: "Q", kind: .thirdPartyTransfer, organisation: "ISF Ltd",
                         segment: .init(first: try date("2025-05-10"), amount: pounds(150), every: .month, last: nil))
        let report = DueReport(to: try date("2025-07-31"),
                               budgets: [try budget(model: .thirdParty, plan: plan)]) { _ in false }
        #expect(report.instalments.map { "\($0.date) \($0.amount)" } == [
            "2025-04-07 100.00", "2025-04-21 100.00", "2025-05-05 100.00",
            "2025-05-10 150.00", "2025-06-10 150.00", "2025-07-10 150.00"])
        #expect(text(report.jsonLines).hasPrefix(
            #"{"id":"schedule:B-1:Q:2025-04-07","type":"third_party_transfer","budget":"B-1","date":"2025-04-07","organisation":"ISF Ltd","amount":"100.00"}"#))
        plan.endSchedule(name: "Q", last: try date("2025-06-01"))
        let ended = DueReport(to: try date("2025-07-31"),
                              budgets: [try budget(model: .thirdParty, plan: plan)]) { _ in false }
        #expect(ended.instalments.last?.date.description == "2025-05-10")
    }

    @Test("reviews: three months for direct payments, clamped; twelve otherwise; none after a stop")
    func reviewsReport() throws {
        var stopped = CarePlanState()
        stopped.review(ReviewRecord(date: try date("2026-01-10"), outcome: .stop, nextReview: nil))
        var amended = CarePlanState()
        amended.review(ReviewRecord(date: try date("2026-01-10"), outcome: .amend, nextReview: try date("2026-03-01")))
        let budgets = [
            try budget("B-1", model: .directPayment, opened: "2025-11-30", periodEnd: "2026-11-29", plan: CarePlanState()),
            try budget("B-2", plan: CarePlanState()),
            try budget("B-3", plan: stopped),
            try budget("B-4", plan: amended),
            try budget("B-5", model: .directPayment, isClosed: true, plan: CarePlanState()),
        ]
        #expect(text(ReviewsReport(dueBy: try date("2026-04-01"), budgets: budgets).jsonLines) == """
            {"budget":"B-1","next_review":"2026-02-28","days_overdue":32,"last_outcome":null}
            {"budget":"B-4","next_review":"2026-03-01","days_overdue":31,"last_outcome":"amend"}
            {"budget":"B-2","next_review":"2026-04-01","days_overdue":0,"last_outcome":null}

            """)
    }

    @Test("repayments: outstanding is requested less recovered less waived; overdue only with money outstanding")
    func repaymentsReport() throws {
        var plan = CarePlanState()
        plan.request(RepaymentRequest(name: "R1", pot: .directPayment, grounds: .surplus, requested: pounds(300),
                                      due: try date("2025-06-30")))
        plan.request(RepaymentRequest(name: "R0", pot: .directPayment, grounds: .outsidePlan, requested: pounds(5),
                                      due: try date("2025-06-30")))
        try plan.recover(repayment: "R1", amount: pounds(100), sign: 1)
        try plan.recover(repayment: "R1", amount: pounds(50), sign: 1)
        try plan.recover(repayment: "R1", amount: pounds(50), sign: -1)
        try plan.waive(repayment: "R1", amount: pounds(200))
        let report = try #require(RepaymentsReport(on: try date("2025-07-01"),
                                                   budgets: [try budget(model: .directPayment, plan: plan)]))
        #expect(text(report.jsonLines) == """
            {"budget":"B-1","repayment":"R0","pot":"direct_payment","grounds":"outside_plan","requested":"5.00","recovered":"0.00","waived":"0.00","outstanding":"5.00","due":"2025-06-30","overdue":true}
            {"budget":"B-1","repayment":"R1","pot":"direct_payment","grounds":"surplus","requested":"300.00","recovered":"100.00","waived":"200.00","outstanding":"0.00","due":"2025-06-30","overdue":false}

            """)
    }

    @Test("report --quarter: budgets in place, cohorts by name, money as the difference of two views")
    func quarterReport() throws {
        let quarter = try #require(FinancialQuarter("2025-Q4"))
        let facts: [QuarterReport.BudgetFacts] = [
            .init(holdingModel: .notional, cohort: "learning_disability", openedOn: try date("2025-04-01"), isClosedBeforeEnd: false),
            .init(holdingModel: .mixed, cohort: nil, openedOn: try date("2026-01-05"), isClosedBeforeEnd: false),
            .init(holdingModel: .directPayment, cohort: nil, openedOn: try date("2025-04-01"), isClosedBeforeEnd: false),
            .init(holdingModel: .directPayment, cohort: nil, openedOn: try date("2025-04-01"), isClosedBeforeEnd: true),
            .init(holdingModel: .thirdParty, cohort: nil, openedOn: try date("2026-04-01"), isClosedBeforeEnd: false),
        ]
        let report = try #require(QuarterReport(
            quarter: quarter, budgets: facts,
            atEnd: [.notional: .init(allocated: pounds(900), spent: pounds(100), recovered: .zero)],
            beforeStart: [.notional: .init(allocated: pounds(1000), spent: pounds(60), recovered: .zero)]))
        #expect(text(report.json) == #"{"quarter":"2025-Q4","from":"2026-01-01","to":"2026-03-31","budgets":{"total":3,"by_holding_model":{"notional":1,"third_party":0,"direct_payment":1,"mixed":1},"by_cohort":{"learning_disability":1,"unspecified":2}},"new_budgets":1,"money":{"notional":{"allocated":"-100.00","spent":"40.00","recovered":"0.00"},"third_party":{"allocated":"0.00","spent":"0.00","recovered":"0.00"},"direct_payment":{"allocated":"0.00","spent":"0.00","recovered":"0.00"}}}"# + "\n")
    }
}
