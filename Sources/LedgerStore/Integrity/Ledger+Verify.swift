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
            var effects = EffectCheck()
            var indexPrints: [String: BudgetIndexPrint] = [:]
            let chainBreak = try checkChain(in: txn) { stored in
                try effects.check(stored, in: lookup)
                indexPrints[stored.event.budget, default: BudgetIndexPrint()].add(stored.envelope.seq)
                if case .reversal(let reverses, _) = stored.event.body, let target = try lookup.seq(ofID: reverses) {
                    replayedReversals[target] = stored.envelope.seq
                }
                try folds[stored.event.budget, default: BudgetFold()].apply(stored.event, stored.envelope, target: lookup.target(id:))
                report.eventsChecked += 1
                if let progress, report.eventsChecked % UInt64(Ledger.progressInterval) == 0 { progress(report.eventsChecked) }
            }
            report.firstBadEvent = chainBreak?.description
            if let chainBreak, chainBreak.isUnindexedEvent { report.eventsChecked = chainBreak.seq - 1 }
            // Projections can only be replayed from an intact chain.
            if report.firstBadEvent == nil {
                report.projectionMismatches = try projectionMismatches(folds: folds, reversals: replayedReversals, in: txn)
                var storedEffects = 0
                try txn.forEach(databases.effects) { key, _ in
                    guard ByteReader.seq(key) <= report.lastSeq else { return false }  // an unfinished import's
                    storedEffects += 1
                    noteMapStep()
                    return true
                }
                if let mismatch = effects.mismatch(events: report.eventsChecked, storedEffects: storedEffects) {
                    report.projectionMismatches.append(mismatch)
                }
                for budget in try budgetIndexMismatches(expected: indexPrints, through: report.lastSeq, in: txn) {
                    report.projectionMismatches.append("budget \(budget): its event index (budget_seqs) does not list exactly its events")
                }
                report.budgetsChecked = folds.count
            }
            return report
        }
    }

    /// Names every stored projection that differs from the replayed one, in budget id order:
    /// its head, and any of its dated totals or commitments.
    private func projectionMismatches(folds: [String: BudgetFold], reversals: [UInt64: UInt64],
                                      in txn: borrowing some ReadableTransaction & ~Copyable) throws -> [String] {
        var expected = StoredProjections(folds: folds)
        var mismatches = Set<String>()
        try txn.forEach(databases.budgets) { key, value in
            let budget = String(decoding: key, as: UTF8.self)
            guard let replayed = expected.heads.removeValue(forKey: Array(key)) else {
                mismatches.insert("budget \(budget): a projection is stored but the budget has no events")
                return true
            }
            if !replayed.hasSameBytes(as: value) { mismatches.insert("budget \(budget): the stored projection differs from a replay of its events") }
            noteMapStep()
            return true
        }
        for key in expected.heads.keys {
            mismatches.insert("budget \(String(decoding: key, as: UTF8.self)): no projection is stored for it")
        }
        for (db, entries) in [(databases.datedTotals, expected.datedTotals), (databases.commitments, expected.commitments)] {
            var entries = entries
            try txn.forEach(db) { key, value in
                noteMapStep()
                if let replayed = entries.removeValue(forKey: Array(key)), replayed.hasSameBytes(as: value) { return true }
                mismatches.insert(Self.entryMismatch(budget: ProjectionEntries.budget(ofKey: key), folds: folds))
                return true
            }
            for key in entries.keys { mismatches.insert(Self.entryMismatch(budget: ProjectionEntries.budget(ofKey: key), folds: folds)) }
        }
        var mismatchList = Array(mismatches)
        var storedReversals = 0
        let lastSeq = try tip(in: txn).seq
        try txn.forEach(databases.reversals) { key, value in
            guard ByteReader.seq(value) <= lastSeq else { return true }  // an unfinished import's
            storedReversals += 1
            if reversals[ByteReader.seq(key)] != ByteReader.seq(value) {
                mismatchList.append("reversal index: seq \(ByteReader.seq(key)) is marked reversed by seq \(ByteReader.seq(value)), which the events do not say")
            }
            return true
        }
        if storedReversals != reversals.count { mismatchList.append("reversal index: \(reversals.count - storedReversals) reversals are missing from it") }
        return mismatchList.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// A dated total or commitment that differs from a replay makes its budget's projection differ.
    private static func entryMismatch(budget: String, folds: [String: BudgetFold]) -> String {
        folds[budget]?.state == nil
            ? "budget \(budget): a projection is stored but the budget has no events"
            : "budget \(budget): the stored projection differs from a replay of its events"
    }

}

/// `verify`'s check of the money effects (`MoneyEffect`): each event's stored effect is the one
/// its canonical bytes give, and there is none beyond the last event.
private struct EffectCheck {
    private var derived: [UInt8] = []
    private var differing = 0
    private var first: String?

    mutating func check(_ stored: StoredEvent, in lookup: EventLookup) throws {
        stored.canonicalBytes.withUnsafeBytes { MoneyEffect.encode(canonical: $0, into: &derived) }
        let matches = try lookup.reader.withValue(lookup.databases.effects, key: ByteWriter.key(seq: stored.envelope.seq)) {
            $0.hasSameBytes(as: derived)
        }
        if matches != true {
            differing += 1
            if first == nil { first = "seq \(stored.envelope.seq) (id \"\(stored.event.id)\")" }
        }
    }

    /// The line `verify` reports, if any; `storedEffects` counts the effects up to the chain tip.
    func mismatch(events: UInt64, storedEffects: Int) -> String? {
        if let first {
            return "money effects: \(differing) \(differing == 1 ? "event has" : "events have") a stored money effect that is missing or differs from its canonical bytes, the first at \(first)"
        }
        if UInt64(storedEffects) != events {
            return "money effects: \(storedEffects) are stored for \(events) events"
        }
        return nil
    }
}
