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

    /// Every entry of the named databases, in key order (the former budget index as
    /// "budget_events", the former dated totals as "dated_totals").
    private static func contents(at directory: String, of names: [String]) throws -> [String: [[UInt8]]] {
        let (ledger, _) = try Ledger.open(at: directory, readOnly: false, durable: true, maximumMapSize: nil, upgrading: true)
        var databases = Dictionary(uniqueKeysWithValues: zip(LedgerDatabases.names, ledger.databases.all))
        for name in Self.formerNames { databases[name] = try ledger.formerDatabase(name) }
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

    private static let formerNames = [LedgerDatabases.formerBudgetEventsName, LedgerDatabases.formerDatedTotalsName]

    /// The databases each older format reads (`effects` from format 2 on: the commits write
    /// there only what differs from the events, which in the fixture is nothing; formats 3 and
    /// 4 read every database format 5 has, and their dated totals, keyed the other way in 3).
    private static func readByFormat(_ format: Int) -> [String] {
        if format >= 3 { return LedgerDatabases.names + [LedgerDatabases.formerDatedTotalsName] }
        return ["meta", "events", "event_ids", "budgets", LedgerDatabases.formerBudgetEventsName]
            + (format >= 2 ? ["dated_totals", "commitments", "reversals", "effects"] : ["reversals"])
    }

    @Test(arguments: [1, 2, 3, 4])
    func anUpgradeStoppedAfterAnyOfItsFirstCommitsLeavesTheOldFormatAndUpgradesAgain(format: Int) throws {
        let straight = try Fixtures.olderFormatYear(format: format)
        defer { try? FileManager.default.removeItem(atPath: straight) }
        let original = try Self.contents(at: straight, of: Self.readByFormat(format))
        var commits = 0
        let report = try Ledger.upgrade(at: straight, durable: true, maximumMapSize: nil, progress: nil,
                                        entriesPerCommit: 300, afterEachCommit: { commits += 1 })
        #expect(report == UpgradeReport(fromFormat: UInt32(format), toFormat: Ledger.formatVersion, events: 1167, budgets: 12))
        // 300 entries a commit: from formats 1 and 2, 1,167 budget index entries copied and
        // 1,167 money effects checked (and written where missing); from formats 3 and 4, the effects.
        #expect(commits == (format < 3 ? 8 : 4))
        #expect(try Ledger.open(at: straight).verify().isIntact)
        let upgraded = try Self.contents(at: straight, of: LedgerDatabases.names + Self.formerNames)
        // Format 5 stores no dated totals, and nothing of the old index stays.
        #expect(upgraded[LedgerDatabases.formerDatedTotalsName] == [])
        #expect(upgraded[LedgerDatabases.formerBudgetEventsName] == [])

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
            #expect(throws: StoreError.olderFormat(found: UInt32(format), current: Ledger.formatVersion)) { try Ledger.open(at: directory) }
            #expect(try Self.contents(at: directory, of: Self.readByFormat(format)) == original, "stopped after commit \(stop)")

            let again = try Ledger.upgrade(at: directory)
            #expect(again == report)
            #expect(try Self.contents(at: directory, of: LedgerDatabases.names + Self.formerNames) == upgraded,
                    "stopped after commit \(stop)")
        }
    }

    /// A format-2 ledger whose import a crash cut short holds that import's events past the
    /// chain tip, and their entries in its budget index (`budget_events`). The upgrade rolls the
    /// import back when it opens the ledger; the entries must not come back in `budget_seqs`,
    /// where they would name the events later posts put at those seqs.
    @Test func anUnfinishedImportsIndexEntriesAreNotCarriedOver() throws {
        let directory = try Fixtures.olderFormatYear(format: 2)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let budget: String
        do {
            let (ledger, _) = try Ledger.open(at: directory, readOnly: false, durable: true, maximumMapSize: nil, upgrading: true)
            let former = try #require(try ledger.formerDatabase(LedgerDatabases.formerBudgetEventsName))
            let databases = ledger.databases
            budget = try ledger.write { txn in
                // Past the tip (1,167): a copy of the last event at seq 1,168, as an import's
                // first commit leaves it, with its index entry and the import's mark.
                let last = try #require(try txn.get(databases.events, key: ByteWriter.key(seq: 1_167)))
                let stored = try last.withUnsafeBytes { try StoredEvent(storedValue: $0) }
                try txn.put(databases.events, key: ByteWriter.key(seq: 1_168), value: last)
                try txn.put(former, key: Array(stored.event.budget.utf8) + [0] + ByteWriter.key(seq: 1_168), value: [])
                try txn.put(databases.meta, key: PendingImport.key, value: PendingImport.mark)
                return stored.event.budget
            }
        }
        #expect(try Ledger.upgrade(at: directory) == UpgradeReport(fromFormat: 2, toFormat: Ledger.formatVersion, events: 1_167, budgets: 12))
        let ledger = try Ledger.open(at: directory)
        #expect(try ledger.verify().isIntact)
        var seqs: [UInt64] = []
        try ledger.read { txn in
            try txn.forEachValue(ledger.databases.budgetEvents, key: Array(budget.utf8)) { value in
                seqs.append(ByteReader.seq(value))
                return true
            }
        }
        #expect(!seqs.isEmpty)
        #expect(seqs.allSatisfy { $0 <= 1_167 }, "\(seqs.suffix(3))")
        // The next event, of another budget, takes seq 1,168: no trail but its own lists it.
        let opening = #"{"id":"PHB-AFTER","type":"budget_opened","budget":"PHB-AFTER","date":"2025-04-01","person":"P-AFTER","holding_model":"notional","period_start":"2025-04-01","period_end":"2026-03-31"}"#
        let report = try ledger.post(mode: .allOrNothing, clock: TestLedger.fixedClock) { ArrayLineSource(text: opening) }
        #expect(report.results.map(\.seq) == [1_168])
        #expect(try ledger.verify().isIntact)
    }
}
