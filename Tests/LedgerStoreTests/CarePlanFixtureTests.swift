import Foundation
import LedgerRendering
import Testing
import LedgerDomain
@testable import LedgerStore

/// The care-plan layer of the fixtures (SPEC 9) through the store, checked against what the
/// independent model (Fixtures/tools/careplan_model.py) computed from SPEC alone.
@Suite struct CarePlanFixtureTests {
    private func postedLedger() throws -> TestLedger {
        let test = try TestLedger()
        try test.post(file: Fixtures.year)
        let report = try test.post(file: Fixtures.folder + "/care-plan-2025-26.jsonl")
        #expect(report.rejected == 0)
        #expect(report.written == 108)
        return test
    }

    @Test func theCarePlanLayerPostsWholeAndTheBalancesMatchTheModel() throws {
        let test = try postedLedger()
        #expect(try test.balancesJSON() == Fixtures.text("expected/care-plan/balances.jsonl"))
        #expect(try test.ledger.verify().isIntact)
    }

    @Test func everyCarePlanRejectionGetsTheModelsCodeAndWritesNothing() throws {
        let test = try postedLedger()
        let before = try test.exportText()
        let report = try test.post(file: Fixtures.folder + "/bad/care-plan-rejections.jsonl")
        #expect(report.written == 0)
        #expect(try test.exportText() == before)
        let expected = try Fixtures.text("bad/care-plan-rejections.expected.jsonl").split(separator: "\n").map(String.init)
        let got = report.results.map { String(decoding: PostOutput.json($0, includingMessage: false), as: UTF8.self) }
        #expect(got == Array(expected.dropLast()))
        #expect(String(decoding: PostOutput.summaryJSON(report), as: UTF8.self) == expected.last)
        let codes = Set(report.results.compactMap { $0.rejection?.code })
        #expect(codes.isSuperset(of: [.unknownLine, .unknownSchedule, .unknownRepayment, .paymentsStopped]))
    }

    @Test("the care plan survives replay: the stored projections equal a rebuild")
    func replayRebuildsTheCarePlan() throws {
        let test = try postedLedger()
        let plansBefore = try test.ledger.carePlanBudgets().map(\.carePlan)
        _ = try test.ledger.replay()
        #expect(try test.ledger.carePlanBudgets().map(\.carePlan) == plansBefore)
        #expect(try test.ledger.verify().isIntact)
    }

    @Test("a view before an amendment shows the old plan and schedule")
    func viewsBeforeAmendments() throws {
        let test = try postedLedger()
        let september = ViewFilter(asOfDate: CalendarDate(iso: "2025-09-30"))
        let old = try #require(try test.ledger.carePlanBudget("PHB-0001", view: september))
        #expect(old.carePlan.line(named: "physiotherapy")?.planned == Money(pence: 600_000))
        let now = try #require(try test.ledger.carePlanBudget("PHB-0001"))
        #expect(now.carePlan.line(named: "physiotherapy")?.planned == Money(pence: 750_000))
        // The amendment of PHB-0013's monthly schedule was recorded on 2026-03-15.
        let beforeAmendment = try #require(try test.ledger.carePlanBudget("PHB-0013", view: ViewFilter(asOfDate: CalendarDate(iso: "2026-03-14"))))
        #expect(beforeAmendment.carePlan.schedules["monthly"]?.segments.count == 1)
        #expect(now.carePlan.schedules.isEmpty)
        #expect(try test.ledger.carePlanBudget("PHB-0013")?.carePlan.schedules["monthly"]?.segments.count == 2)
    }
}
