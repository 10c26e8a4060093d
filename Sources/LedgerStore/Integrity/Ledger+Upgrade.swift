import LMDB
import LedgerDomain

/// What `upgrade` did.
public struct UpgradeReport: Equatable, Sendable {
    /// The format the ledger was in.
    public let fromFormat: UInt32
    public let toFormat: UInt32
    public let events: UInt64
    public let budgets: Int

    public var changedAnything: Bool { fromFormat != toFormat }
}

extension Ledger {
    /// Rewrites a ledger of an older format in the current one, in place: its events (canonical
    /// bytes, hashes, indexes) stay as they are, and its projections are rebuilt from them in the
    /// current layout. One write transaction does it all and records the new format last, so a
    /// crash at any instant leaves the old ledger (which upgrades again) or the new one whole.
    /// A ledger in the current format is left untouched.
    public static func upgrade(at directory: String, durable: Bool = true, maximumMapSize: Int? = nil,
                               progress: ((UInt64) -> Void)? = nil) throws -> UpgradeReport {
        let (ledger, format) = try open(at: directory, readOnly: false, durable: durable, maximumMapSize: maximumMapSize, upgrading: true)
        guard format < formatVersion else {
            return UpgradeReport(fromFormat: format, toFormat: format, events: try ledger.eventCount(), budgets: try ledger.budgetCount())
        }
        let (events, budgets) = try ledger.write { txn in
            let rebuilt = try ledger.rebuildProjections(progress: progress, in: txn)
            var version = ByteWriter()
            version.uint32(formatVersion)
            try txn.put(ledger.databases.meta, key: Array("format".utf8), value: version.bytes)
            return rebuilt
        }
        return UpgradeReport(fromFormat: format, toFormat: formatVersion, events: events, budgets: budgets)
    }

    /// The number of budgets with a projection.
    func budgetCount() throws -> Int { try read { txn in try txn.count(databases.budgets) } }
}
