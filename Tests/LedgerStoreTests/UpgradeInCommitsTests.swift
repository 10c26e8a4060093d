import Foundation
import LMDB
import Testing
@testable import LedgerStore

/// Issue 13: `upgrade` writes the budget index and the money effects in commits of their own
/// (so that its memory does not grow with the ledger) before the last commit records the new
/// format. Stopped after any of those commits, as a crash would stop it, the ledger is still
/// in its old format, with everything that format reads as it was, and upgrading it again gives
/// exactly the ledger an upgrade without a stop gives.
@Suite struct UpgradeInCommitsTests {
    private struct StoppedHere: Error {}

    /// Every entry of the named databases, in key order (the former budget index as "budget_events").
    private static func contents(at directory: String, of names: [String]) throws -> [String: [[UInt8]]] {
        let (ledger, _) = try Ledger.open(at: directory, readOnly: false, durable: true, maximumMapSize: nil, upgrading: true)
        let former = try ledger.formerBudgetEvents()
        var databases = Dictionary(uniqueKeysWithValues: zip(LedgerDatabases.names, ledger.databases.all))
        databases[LedgerDatabases.formerBudgetEventsName] = former
        return try ledger.read { txn in
            var contents: [String: [[UInt8]]] = [:]
            for name in names {
                var entries: [[UInt8]] = []
                if let database = databases[name] {
                    try txn.forEach(database) { key, value in
                        entries.append(Array(key) + [0xFF, 0xFE] + Array(value))
                        return true
                    }
                }
                contents[name] = entries
            }
            return contents
        }
    }

    /// The databases each older format reads (`effects` from format 2 on: the commits write
    /// there only what differs from the events, which in the fixture is nothing).
    private static func readByFormat(_ format: Int) -> [String] {
        ["meta", "events", "event_ids", "budgets", LedgerDatabases.formerBudgetEventsName]
            + (format >= 2 ? ["dated_totals", "commitments", "reversals", "effects"] : ["reversals"])
    }

    @Test(arguments: [1, 2])
    func anUpgradeStoppedAfterAnyOfItsFirstCommitsLeavesTheOldFormatAndUpgradesAgain(format: Int) throws {
        let straight = try Fixtures.olderFormatYear(format: format)
        defer { try? FileManager.default.removeItem(atPath: straight) }
        let original = try Self.contents(at: straight, of: Self.readByFormat(format))
        var commits = 0
        let report = try Ledger.upgrade(at: straight, durable: true, maximumMapSize: nil, progress: nil,
                                        entriesPerCommit: 300, afterEachCommit: { commits += 1 })
        #expect(report == UpgradeReport(fromFormat: UInt32(format), toFormat: 3, events: 1167, budgets: 12))
        #expect(commits == 8)  // 1,167 index entries and 1,167 effects, 300 a commit
        #expect(try Ledger.open(at: straight).verify().isIntact)
        let upgraded = try Self.contents(at: straight, of: LedgerDatabases.names + [LedgerDatabases.formerBudgetEventsName])

        for stop in 1...commits {
            let directory = try Fixtures.olderFormatYear(format: format)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var made = 0
            #expect(throws: StoppedHere.self) {
                try Ledger.upgrade(at: directory, durable: true, maximumMapSize: nil, progress: nil, entriesPerCommit: 300) {
                    made += 1
                    if made == stop { throw StoppedHere() }
                }
            }
            #expect(throws: StoreError.olderFormat(found: UInt32(format), current: 3)) { try Ledger.open(at: directory) }
            #expect(try Self.contents(at: directory, of: Self.readByFormat(format)) == original, "stopped after commit \(stop)")

            let again = try Ledger.upgrade(at: directory)
            #expect(again == report)
            #expect(try Self.contents(at: directory, of: LedgerDatabases.names + [LedgerDatabases.formerBudgetEventsName]) == upgraded,
                    "stopped after commit \(stop)")
        }
    }
}
