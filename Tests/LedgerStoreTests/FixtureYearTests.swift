import LedgerRendering
import Foundation
import Testing
import LedgerDomain
@testable import LedgerStore

/// The shipped year of twelve budgets, checked against the balances the independent Python
/// model (Fixtures/tools/model.py) computed from SPEC alone.
@Suite struct FixtureYearTests {
    @Test func theYearPostsWholeAndItsBalancesMatchTheIndependentModel() throws {
        let test = try TestLedger()
        let report = try test.post(file: Fixtures.year)
        #expect(report.accepted == 1167)
        #expect(report.rejected == 0)
        #expect(report.written == 1167)
        #expect(try test.balancesJSON() == Fixtures.text("expected/year-2025-26.balances.jsonl"))
        #expect(try test.ledger.verify().isIntact)
    }

    /// Issue 13: a balance read is one get of the projection's head, which keeps the unreconciled
    /// payments and open commitments as the rules change them; posted in twelve batches (so each
    /// starts from what the one before stored), every budget's line is still the model's.
    @Test func balanceReadsOfTheHeadAloneGiveTheModelsLinesWhenPostedInTwelveBatches() throws {
        let test = try TestLedger()
        let lines = try String(contentsOfFile: Fixtures.year, encoding: .utf8).split(separator: "\n")
        let batch = (lines.count + 11) / 12
        for start in stride(from: 0, to: lines.count, by: batch) {
            let report = try test.post(lines[start..<min(start + batch, lines.count)].joined(separator: "\n") + "\n")
            #expect(report.rejected == 0)
        }
        let expected = try Fixtures.text("expected/year-2025-26.balances.jsonl").split(separator: "\n").map(String.init)
        #expect(expected.count == 12)
        for line in expected {
            let budget = String(line.split(separator: "\"")[3])
            let state = try #require(try test.ledger.budgetBalances(budget))
            #expect(String(decoding: BalanceReport.json(state), as: UTF8.self) == line, "\(budget)")
        }
        #expect(try test.ledger.verify().isIntact)
    }

    @Test func everyBadInputIsRefusedWithTheCodeTheModelGivesAndWritesNothing() throws {
        let test = try TestLedger()
        try test.post(file: Fixtures.year)
        let before = try test.balancesJSON()
        let report = try test.post(file: Fixtures.badInputs)
        #expect(report.written == 0)
        #expect(try test.ledger.eventCount() == 1167)
        #expect(try test.balancesJSON() == before)
        let expected = try Fixtures.text("bad/rejections.expected.jsonl").split(separator: "\n").map(String.init)
        let got = report.results.map { String(decoding: PostOutput.json($0, includingMessage: false), as: UTF8.self) }
        #expect(got == Array(expected.dropLast()))
        #expect(String(decoding: PostOutput.summaryJSON(report), as: UTF8.self) == expected.last)
        // Every code of SPEC 4.1 is exercised by the file (SPEC 9's by the care-plan bad file).
        let carePlanCodes: Set<RejectionCode> = [.unknownLine, .unknownSchedule, .unknownRepayment, .paymentsStopped]
        #expect(Set(report.results.compactMap { $0.rejection?.code }) == Set(RejectionCode.allCases).subtracting(carePlanCodes))
    }

    @Test func postingTheSameFileTwiceReportsEveryEventAsADuplicateAndChangesNothing() throws {
        let test = try TestLedger()
        try test.post(file: Fixtures.year)
        let before = try test.balancesJSON()
        let exportBefore = try test.exportText()
        let again = try test.post(file: Fixtures.year)
        #expect(again.duplicates == 1167)
        #expect(again.accepted == 0 && again.rejected == 0 && again.written == 0)
        #expect(again.results.allSatisfy { $0.status == .duplicate && $0.seq == nil })
        #expect(try test.balancesJSON() == before)
        #expect(try test.exportText() == exportBefore)
    }

    @Test func anExportPostedIntoANewLedgerGivesByteIdenticalBalances() throws {
        let original = try TestLedger()
        try original.post(file: Fixtures.year)
        let exported = try original.exportText()
        let copy = try TestLedger()
        let report = try copy.post(exported)
        #expect(report.written == 1167)
        #expect(try copy.balancesJSON() == original.balancesJSON())
        // The copy recorded the same events in the same order with the same pinned clock,
        // so it is the same chain.
        #expect(try copy.exportText() == exported)
    }

    @Test func replayLeavesTheProjectionsUnchangedAndVerifyStillPasses() throws {
        let test = try TestLedger()
        try test.post(file: Fixtures.year)
        let before = try test.balancesJSON()
        let replayed = try test.ledger.replay()
        #expect(replayed.events == 1167)
        #expect(replayed.budgets == 12)
        #expect(try test.balancesJSON() == before)
        let report = try test.ledger.verify()
        #expect(report.isIntact)
        #expect(report.eventsChecked == 1167)
        #expect(report.budgetsChecked == 12)
    }

    @Test func aViewFoldedFromEventsAgreesWithTheStoredProjectionAtTheTip() throws {
        let test = try TestLedger()
        try test.post(file: Fixtures.year)
        let stored = try test.balancesJSON()
        #expect(try test.balancesJSON(view: ViewFilter(asOfSeq: 1167)) == stored)
        #expect(try test.balancesJSON(view: ViewFilter(asOfDate: CalendarDate(iso: "2099-12-31"))) == stored)
        // Before anything was recorded, no budget exists.
        #expect(try test.balancesJSON(view: ViewFilter(knownAt: Timestamp(rfc3339: "2026-04-01T00:00:00Z"))) == "")
    }
}
