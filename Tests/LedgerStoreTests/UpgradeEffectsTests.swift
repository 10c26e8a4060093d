import Foundation
import LMDB
import Testing
@testable import LedgerStore

/// Issue 13: `upgrade` derives every money effect from its event's canonical bytes. A format-2
/// ledger stores them already; upgrade leaves those that match (rewriting them held a page of
/// the transaction per few dozen events) and writes again the ones that do not.
@Suite struct UpgradeEffectsTests {
    @Test func upgradeWritesAgainAChangedOrMissingMoneyEffectAndLeavesTheRest() throws {
        let directory = try Fixtures.olderFormatYear(format: 2)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var movements: [(key: [UInt8], value: [UInt8])] = []
        var unchanged: [(key: [UInt8], value: [UInt8])] = []
        do {
            let (ledger, format) = try Ledger.open(at: directory, readOnly: false, durable: true, maximumMapSize: nil, upgrading: true)
            #expect(format == 2)
            let effects = ledger.databases.effects
            try ledger.read { txn in
                try txn.forEach(effects) { key, value in
                    if value.count > 1 && movements.count < 2 { movements.append((Array(key), Array(value))) } else { unchanged.append((Array(key), Array(value))) }
                    return true
                }
            }
            try #require(movements.count == 2)
            var changed = movements[0].value
            changed[14] ^= 1  // the amount's last byte: one penny more or less
            try ledger.write { txn in
                try txn.put(effects, key: movements[0].key, value: changed)
                _ = try txn.delete(effects, key: movements[1].key)
            }
        }
        let report = try Ledger.upgrade(at: directory)
        #expect(report == UpgradeReport(fromFormat: 2, toFormat: Ledger.formatVersion, events: 1167, budgets: 12))
        let ledger = try Ledger.open(at: directory)
        #expect(try ledger.verify().isIntact)
        let stored = try ledger.read { txn in
            try (movements + unchanged).map { try txn.get(ledger.databases.effects, key: $0.key) }
        }
        #expect(stored == (movements + unchanged).map(\.value))
    }
}
