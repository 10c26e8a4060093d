import Testing
import LedgerApplication
import LedgerDomain
import LedgerWorkload
@testable import LedgerStore

/// The generated workload behind `bench`: realistic, and every event of it accepted.
@Suite struct WorkloadTests {
    @Test func everyGeneratedEventIsAcceptedWhetherPostedTypedOrAsLines() throws {
        let workload = Workload(events: 20_000, budgets: 60)
        let typed = try TestLedger()
        var batch: [Event] = []
        for event in workload {
            batch.append(event)
            if batch.count == 2_500 {
                let report = try typed.ledger.post(events: batch, clock: TestLedger.fixedClock)
                #expect(report.rejected == 0, "\(report.results.first { $0.status == .rejected }.map { "\($0)" } ?? "")")
                batch.removeAll()
            }
        }
        #expect(try typed.ledger.eventCount() == 20_000)
        let lines = try TestLedger()
        let report = try lines.post(workload.map { String(decoding: Workload.line($0), as: UTF8.self) }.joined(separator: "\n"))
        #expect(report.written == 20_000)
        // The same events, so the same chain.
        #expect(try lines.ledger.digest() == typed.ledger.digest())
        #expect(try lines.ledger.verify().isIntact)
    }

    @Test func itCoversEveryHoldingModelWithPaymentsDominant() {
        var kinds: [EventKind: Int] = [:]
        var models = Set<HoldingModel>()
        for event in Workload(events: 20_000, budgets: 60) {
            kinds[event.kind, default: 0] += 1
            if case .budgetOpened(let opening) = event.body { models.insert(opening.holdingModel) }
        }
        #expect(models == Set(HoldingModel.allCases))
        #expect(kinds[.payment, default: 0] > 20_000 * 6 / 10)
        // Every kind of SPEC 2 but closing; SPEC 9's care-plan kinds move no money and are not
        // part of the posting workload.
        let carePlanKinds: Set<EventKind> = [.planLine, .scheduleSet, .scheduleEnded, .review, .repaymentRequested, .repaymentWaived]
        for kind in EventKind.allCases where kind != .budgetClosed && !carePlanKinds.contains(kind) {
            #expect(kinds[kind, default: 0] > 0, "no \(kind.rawValue)")
        }
    }

    @Test func itIsTheSameEveryTime() {
        #expect(Array(Workload(events: 2_000, budgets: 10)) == Array(Workload(events: 2_000, budgets: 10)))
    }

    @Test(arguments: [(8, 1), (50, 7), (1_000, 1_000), (4_000, 3), (2_500, 64)])
    func everyShapeOfWorkloadPostsWithoutARejection(events: Int, budgets: Int) throws {
        let test = try TestLedger()
        let report = try test.ledger.post(events: Array(Workload(events: events, budgets: budgets)), clock: TestLedger.fixedClock)
        #expect(report.rejected == 0, "\(report.results.first { $0.status == .rejected }.map { "\($0)" } ?? "")")
        #expect(report.written == events)
    }
}
