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
    /// A resident size that grows by 1/32 of the allowance at each reading.
    private final class GrowingResidentSize: @unchecked Sendable {
        private let lock = ConditionLock()
        private var bytes = 0
        func read() -> Int? {
            lock.withLock {
                bytes += MappedPageBudget.mappedBytesAllowed / 32
                return bytes
            }
        }
    }

    private static func growingBudget() -> MappedPageBudget {
        let resident = GrowingResidentSize()
        return MappedPageBudget(residentFileBytes: { resident.read() })
    }

    private static func postedLedger() throws -> TestLedger {
        let test = try TestLedger()
        let report = try test.ledger.post(events: Array(Workload(events: 6_000, budgets: 40)), clock: TestLedger.fixedClock)
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

    @Test func exportHandsTheMapBack() throws {
        let test = try Self.postedLedger()
        var exported = 0
        try test.ledger.export { _ in exported += 1 }
        #expect(exported == 6_000)
        #expect(test.ledger.mappedPages.handBacks >= 1)
    }
}
