import Foundation
import LMDB
import LedgerWorkload
import Testing
@testable import LedgerStore

/// Reading the whole ledger hands the map's pages back as it goes, as posting does: before,
/// `verify` and `export` of a 2,000,000-event ledger ended with the whole 1 GB data file resident
/// (Benchmarks/README, "History of the README's figures", "Memory of long reads"). The resident
/// size is scripted here to grow with every reading of it, so the map is handed back only if
/// each walk counts its steps.
@Suite struct WholeLedgerReadHandBackTests {
    /// A resident size that grows by `growth` (1/32 of the allowance unless told) at each reading.
    private final class GrowingResidentSize: @unchecked Sendable {
        private let lock = ConditionLock()
        private let growth: Int
        private var bytes = 0
        init(growth: Int = MappedPageBudget.mappedBytesAllowed / 32) { self.growth = growth }
        func read() -> Int? {
            lock.withLock {
                bytes += growth
                return bytes
            }
        }
    }

    private static func growingBudget(growth: Int = MappedPageBudget.mappedBytesAllowed / 32) -> MappedPageBudget {
        let resident = GrowingResidentSize(growth: growth)
        return MappedPageBudget(residentFileBytes: { resident.read() })
    }

    private static func postedLedger(budgets: Int = 40) throws -> TestLedger {
        let test = try TestLedger()
        let report = try test.ledger.post(events: Array(Workload(events: 6_000, budgets: budgets)), clock: TestLedger.fixedClock)
        #expect(report.written == 6_000)
        test.ledger.mappedPages = growingBudget()
        return test
    }

    @Test func verifyHandsTheMapBack() throws {
        let test = try Self.postedLedger()
        let report = try test.ledger.verify()
        #expect(report.isIntact)
        #expect(report.eventsChecked == 6_000)
        #expect(test.ledger.mappedPages.handBacks >= 1)
    }

    /// Replay's writes count too: each put or delete reads the leaf it changes. Here every
    /// projection head is dropped, so replay writes each back; the resident size grows by the
    /// whole allowance at each reading, so that every reading hands the map back, and the writes
    /// must add a reading for every `mostStepsBetweenChecks` of them. (An upgrade from format 3
    /// rewrote every dated total: without this, ten million events peaked at up to 698 MB.)
    @Test func replayHandsTheMapBackAsItWritesProjectionsBack() throws {
        let test = try Self.postedLedger(budgets: 750)
        let databases = test.ledger.databases
        func everyReadingHandsBack() -> MappedPageBudget { Self.growingBudget(growth: MappedPageBudget.mappedBytesAllowed) }
        test.ledger.mappedPages = everyReadingHandsBack()
        try test.ledger.replay()  // intact: walks only, nothing written
        let walksOnly = test.ledger.mappedPages.handBacks
        let heads = try test.ledger.read { txn in try txn.count(databases.budgets) }
        #expect(heads == 750)
        try test.ledger.write { txn in try txn.dropAll(databases.budgets) }
        test.ledger.mappedPages = everyReadingHandsBack()
        try test.ledger.replay()
        let withWrites = test.ledger.mappedPages.handBacks
        #expect(try test.ledger.verify().isIntact)
        #expect(try test.ledger.read { txn in try txn.count(databases.budgets) } == heads)
        // Half of the readings the writes make, at least, on top of the walks' (which read a
        // little less now: the heads' walk finds nothing).
        #expect(withWrites >= walksOnly + heads / MappedPageBudget.mostStepsBetweenChecks / 2,
                "\(heads) heads written back, \(walksOnly) hand-backs for the walks alone, \(withWrites) with the writes")
    }

    @Test func exportHandsTheMapBack() throws {
        let test = try Self.postedLedger()
        var exported = 0
        try test.ledger.export { _ in exported += 1 }
        #expect(exported == 6_000)
        #expect(test.ledger.mappedPages.handBacks >= 1)
    }
}
