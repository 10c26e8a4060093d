import LMDB
import LedgerDomain

/// What `verify` found. Empty problem lists mean the ledger is intact.
public struct VerifyReport: Equatable, Sendable {
    public var eventsChecked: UInt64 = 0
    public var budgetsChecked = 0
    /// The first event whose stored bytes, place or hash do not match (later events chain from it,
    /// so only the first is meaningful).
    public var firstBadEvent: String?
    /// Every stored projection that differs from a replay of the events.
    public var projectionMismatches: [String] = []
    /// The last seq of the state verified (the chain tip's), whatever was found: an answer that
    /// reports which state it describes (HTTP's `X-Ledger-Seq`) takes it from here.
    public var lastSeq: UInt64 = 0

    public var isIntact: Bool { firstBadEvent == nil && projectionMismatches.isEmpty }
}

extension Ledger {
    /// Recomputes the whole hash chain and every projection from the events and compares them
    /// with what is stored (SPEC 5).
    ///
    /// ```swift
    /// let report = try ledger.verify()
    /// if !report.isIntact { print(report.firstBadEvent ?? report.projectionMismatches.joined(separator: "\n")) }
    /// ```
    public func verify(progress: ((UInt64) -> Void)? = nil) throws -> VerifyReport {
        try read { txn in
            var report = VerifyReport()
            report.lastSeq = try tip(in: txn).seq
            var replayedReversals: [UInt64: UInt64] = [:]
            let lookup = try EventLookup(reader: TransactionReader(txn), databases: databases)
            var folds: [String: BudgetFold] = [:]
            let chainBreak = try checkChain(in: txn, lookup: lookup) { stored in
                if case .reversal(let reverses, _) = stored.event.body, let target = try lookup.seq(ofID: reverses) {
                    replayedReversals[target] = stored.envelope.seq
                }
                try folds[stored.event.budget, default: BudgetFold()].apply(stored.event, stored.envelope, target: lookup.target(id:))
                report.eventsChecked += 1
                if let progress, report.eventsChecked % UInt64(Ledger.progressInterval) == 0 { progress(report.eventsChecked) }
            }
            report.firstBadEvent = chainBreak?.description
            // Projections can only be replayed from an intact chain.
            if report.firstBadEvent == nil {
                report.projectionMismatches = try projectionMismatches(folds: folds, reversals: replayedReversals, in: txn)
                report.budgetsChecked = folds.count
            }
            return report
        }
    }

    /// Names every stored projection that differs from the replayed one, in budget id order.
    private func projectionMismatches(folds: [String: BudgetFold], reversals: [UInt64: UInt64],
                                      in txn: borrowing some ReadableTransaction & ~Copyable) throws -> [String] {
        var mismatches: [String] = []
        var storedBudgets = Set<String>()
        try txn.forEach(databases.budgets) { key, value in
            let budget = String(decoding: key, as: UTF8.self)
            storedBudgets.insert(budget)
            guard let replayed = folds[budget]?.state else {
                mismatches.append("budget \(budget): a projection is stored but the budget has no events")
                return true
            }
            if BudgetStateCodec.encode(replayed) != Array(value) {
                mismatches.append("budget \(budget): the stored projection differs from a replay of its events")
            }
            return true
        }
        for budget in folds.keys where !storedBudgets.contains(budget) {
            mismatches.append("budget \(budget): no projection is stored for it")
        }
        var storedReversals = 0
        let lastSeq = try tip(in: txn).seq
        try txn.forEach(databases.reversals) { key, value in
            guard ByteReader.seq(value) <= lastSeq else { return true }  // an unfinished import's
            storedReversals += 1
            if reversals[ByteReader.seq(key)] != ByteReader.seq(value) {
                mismatches.append("reversal index: seq \(ByteReader.seq(key)) is marked reversed by seq \(ByteReader.seq(value)), which the events do not say")
            }
            return true
        }
        if storedReversals != reversals.count { mismatches.append("reversal index: \(reversals.count - storedReversals) reversals are missing from it") }
        return mismatches.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

}
