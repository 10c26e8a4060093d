import Foundation
import Testing
import LedgerDomain
import LedgerStore

/// The store's side of `reconcile`: one snapshot of a budget and a pot's history, and the
/// reconciliation event posted through `Ledger.post` like any other.
@Suite("Ledger.potHistory and posting a reconciliation")
struct ReconcileStoreTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// A ledger holding the fixture year, in a directory removed afterwards.
    private func withYear<R>(_ body: (Ledger) throws -> R) throws -> R {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-store-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try Ledger.create(at: directory, durable: false)
        let report = try store.post { try LineReader(path: ReconcileStoreTests.fixtures + "/year-2025-26.jsonl") }
        try #require(report.written == 1167)
        return try body(store)
    }

    private func statement(_ name: String) throws -> Statement {
        try Statement.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(ReconcileStoreTests.fixtures)/statements/\(name)"))))
    }

    @Test("one snapshot: the projection and every event of the budget, the pot's movements without reversed ones")
    func snapshot() throws {
        try withYear { store in
            let (state, history) = try #require(try store.potHistory(budget: "PHB-0005", pot: .directPayment))
            #expect(state.version == 96)
            // The payslip keyed twice was reversed: only the one that stands is a movement.
            #expect(history.movements.contains { $0.id == "PHB-0005/2025-08-05/pay-27" })
            #expect(!history.movements.contains { $0.id == "PHB-0005/2025-08-05/pay-28" })
            #expect(history.reconciliations.map(\.periodEnd.description) == ["2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"])
            #expect(zip(history.movements, history.movements.dropFirst()).allSatisfy { $0.seq < $1.seq })
            #expect(try store.potHistory(budget: "PHB-9999", pot: .directPayment) == nil)
        }
    }

    @Test("a mixed budget's pots keep their own movements and reconciliations")
    func mixedPots() throws {
        try withYear { store in
            let (_, directPayment) = try #require(try store.potHistory(budget: "PHB-0009", pot: .directPayment))
            let (_, thirdParty) = try #require(try store.potHistory(budget: "PHB-0009", pot: .thirdParty))
            #expect(directPayment.movements.allSatisfy { $0.kind != .thirdPartyTransfer })
            #expect(thirdParty.movements.allSatisfy { $0.kind != .directPaymentTransfer })
            #expect(Set(directPayment.movements.map(\.seq)).isDisjoint(with: thirdParty.movements.map(\.seq)))
            #expect(directPayment.reconciliations.count == 5)  // the re-issued Q4 statement included
            #expect(thirdParty.reconciliations.count == 3)
        }
    }

    @Test("posted through Ledger.post, the event records exactly the figures reconcile showed; again, it is a duplicate")
    func postTwice() throws {
        try withYear { store in
            let (state, history) = try #require(try store.potHistory(budget: "PHB-0004", pot: .thirdParty))
            let period = try #require(StatementPeriod.resolve(end: CalendarDate(iso: "2026-03-31")!, start: nil, history: history, opening: state.opening))
            let result = try Reconciliation(state: state, history: history, statement: try statement("PHB-0004-third_party-2026-03-31.csv"),
                                        period: period, surplusWeeks: Surplus.weeksDefault)
            var writer = JSONWriter()
            writer.beginObject()
            #expect(result.eventID == Reconciliation.defaultEventID(budget: "PHB-0004", pot: .thirdParty, periodEnd: period.end))
            EventEncoder.writeFields(of: result.event(), into: &writer)
            writer.endObject()
            let line = writer.text
            let first = try store.post { ArrayLineSource(text: line) }
            #expect(first.results.map(\.status) == [.accepted])
            let recorded = try #require(try store.budgetState("PHB-0004")?.balances(of: .thirdParty))
            #expect(recorded.lastReconciliation == result.record)
            #expect(recorded.unreconciled.count == 0)
            let second = try store.post { ArrayLineSource(text: line) }
            #expect(second.results.map(\.status) == [.duplicate])
            #expect(second.written == 0)
            #expect(try store.eventCount() == 1168)
        }
    }
}
