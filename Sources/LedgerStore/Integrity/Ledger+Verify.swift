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
    ///
    /// Every event is decoded in full and folded from its decoded form, independently of the
    /// money effects that `replay` folds. A large log (`Ledger.parallelFoldMinimum` events or
    /// more) is walked by two threads in the same snapshot, each decoding and folding half of
    /// the budgets and checking half of the chain (`VerifyPass`); the report is the one a single
    /// walk gives.
    public func verify(progress: ((UInt64) -> Void)? = nil) throws -> VerifyReport {
        try verify(progress: progress, twoWalksFrom: Ledger.parallelFoldMinimum)
    }

    /// `verify`, walking the log on two threads from `minimum` events (tests compare the two).
    func verify(progress: ((UInt64) -> Void)?, twoWalksFrom minimum: UInt64) throws -> VerifyReport {
        try read { txn in
            var report = VerifyReport()
            let tip = try tip(in: txn)
            report.lastSeq = tip.seq
            let passes = try verifyWalks(through: tip.seq, twoFrom: minimum, in: txn, progress: progress)
            // The walks check the chain in seq order: it held up to where the first walk that
            // did not check the whole of its range stopped.
            guard let chainEnd = passes.first(where: { !$0.checkedItsChainRange }) else {
                preconditionFailure("the last walk checks the chain to the last key")
            }
            var idPrint = passes[0].idPrint
            for pass in passes.dropFirst() { idPrint.add(pass.idPrint) }
            let fault = VerifyPass.firstFault(of: passes)
            var found: ChainBreak?
            switch fault?.problem {
            case .chainBreak(let chainBreak)?:
                found = chainBreak
            case .thrown(let error)?:
                // Thrown on, unless an id fault at or before the event came first.
                found = try idIndexFaultFirst(at: fault!.seq, in: txn) { throw error }
            case nil:
                break
            }
            let chainBreak = try idIndexChecked(found: found, idPrint: idPrint, tip: tip, in: txn)
                ?? ChainBreak(tip: tip, lastSeq: chainEnd.eventsWalked, lastHash: chainEnd.previousHash)
            report.firstBadEvent = chainBreak?.description
            report.eventsChecked = fault.map { min(chainEnd.eventsWalked, $0.seq - 1) } ?? chainEnd.eventsWalked
            if let chainBreak, chainBreak.isUnindexedEvent { report.eventsChecked = chainBreak.seq - 1 }
            // Projections can only be replayed from an intact chain.
            if report.firstBadEvent == nil {
                var folds: [String: BudgetFold] = [:]
                var reversals: [UInt64: UInt64] = [:]
                var indexPrints: [String: BudgetIndexPrint] = [:]
                var effects = EffectCheck()
                for pass in passes {  // of disjoint budgets
                    folds.merge(pass.folds) { first, _ in first }
                    reversals.merge(pass.reversals) { first, _ in first }
                    indexPrints.merge(pass.indexPrints) { first, _ in first }
                    effects.merge(pass.effects)
                }
                report.projectionMismatches = try projectionMismatches(folds: folds, reversals: reversals, in: txn)
                var storedEffects = 0
                var steps = MapStepBatch(self)
                try txn.forEach(databases.effects) { key, value in
                    guard ByteReader.seq(key) <= report.lastSeq else { return false }  // an unfinished import's
                    storedEffects += 1
                    steps.note(bytes: key.count + value.count)
                    return true
                }
                steps.flush()
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

    /// `verify`'s walks over the events up to `lastSeq`: one, or two on two threads, the second
    /// in a snapshot of its own that must be `txn`'s (when another commit came between, or no
    /// thread or snapshot could be had, this thread makes the second walk after the first).
    private func verifyWalks(through lastSeq: UInt64, twoFrom minimum: UInt64, in txn: borrowing ReadTransaction,
                             progress: ((UInt64) -> Void)?) throws -> [VerifyPass] {
        guard lastSeq >= minimum else {
            return [try verifyWalk(VerifyPass(), through: lastSeq, in: txn, progress: progress)]
        }
        // Each walk hashes half of the chain; the upper half starts from the middle event's
        // stored hash (none stored there is the lower walk's fault, which comes first).
        let middle = lastSeq / 2
        let middleHash = try storedHash(ofEvent: middle, in: txn)
        let lower = VerifyPass(partition: 0, of: 2, chainEnd: middle)
        let upper = VerifyPass(partition: 1, of: 2, chainStart: middle + 1, previousHash: middleHash ?? ChainTip.genesisHash)
        let snapshot = txn.snapshotID
        let helper = try? SnapshotHelper(ledger: self) { [self] helperTxn -> VerifyPass? in
            guard helperTxn.snapshotID == snapshot else { return nil }
            return try verifyWalk(upper, through: lastSeq, in: helperTxn, progress: nil)
        }
        let first: VerifyPass
        do {
            first = try verifyWalk(lower, through: lastSeq, in: txn, progress: progress)
        } catch {
            _ = try? helper?.finish()
            throw error
        }
        let helped = try helper?.finish() ?? nil
        return [first, try helped ?? verifyWalk(upper, through: lastSeq, in: txn, progress: nil)]
    }

    /// One walk of the events up to `lastSeq` (later ones are an unfinished import's), to the
    /// walk's first fault.
    private func verifyWalk(_ pass: VerifyPass, through lastSeq: UInt64, in txn: borrowing some ReadableTransaction & ~Copyable,
                            progress: ((UInt64) -> Void)?) throws -> VerifyPass {
        var pass = pass
        let lookup = EventLookup(reader: TransactionReader(txn), databases: databases, visibleThrough: lastSeq)
        var steps = MapStepBatch(self)
        defer { steps.flush() }
        var prefetcher = PagePrefetcher()
        // The stored effects are read in step with the events (a walk), not searched per event.
        try txn.withKeyOrderWalk(databases.effects) { effectWalk in
            var effects = EffectWalkPosition()
            try txn.forEach(databases.events) { key, value in
                let seq = ByteReader.seq(key)
                prefetcher.enter(value)
                guard seq <= lastSeq,
                      try pass.visit(seq: seq, value: value, lookup: lookup, storedEffect: { try effects.effect(of: $0, in: &effectWalk) })
                else { return false }
                steps.note(bytes: key.count + value.count)
                // By the seq walked: a walk that checks half of the chain still walks the whole log.
                if let progress, seq % UInt64(Ledger.progressInterval) == 0 { progress(seq) }
                return true
            }
        }
        return pass
    }

    /// Names every stored projection that differs from the replayed one, in budget id order:
    /// its head, and any of its commitments.
    private func projectionMismatches(folds: [String: BudgetFold], reversals: [UInt64: UInt64],
                                      in txn: borrowing some ReadableTransaction & ~Copyable) throws -> [String] {
        let expected = StoredProjections(folds: folds)
        var mismatches = Set<String>()
        try differences(of: databases.budgets, from: expected.heads, in: txn) { difference in
            switch difference {
            case .onlyStored(let key):
                mismatches.insert("budget \(String(decoding: key, as: UTF8.self)): a projection is stored but the budget has no events")
            case .onlyWanted(let index):
                mismatches.insert("budget \(String(decoding: expected.heads[index].key, as: UTF8.self)): no projection is stored for it")
            case .differs(let index):
                mismatches.insert("budget \(String(decoding: expected.heads[index].key, as: UTF8.self)): the stored projection differs from a replay of its events")
            }
        }
        try differences(of: databases.commitments, from: expected.commitments, in: txn) { difference in
            switch difference {
            case .onlyStored(let key): mismatches.insert(Self.entryMismatch(budget: ProjectionEntries.budget(ofKey: key), folds: folds))
            case .onlyWanted(let index), .differs(let index):
                mismatches.insert(Self.entryMismatch(budget: ProjectionEntries.budget(ofKey: expected.commitments[index].key), folds: folds))
            }
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

    /// A commitment that differs from a replay makes its budget's projection differ.
    private static func entryMismatch(budget: String, folds: [String: BudgetFold]) -> String {
        folds[budget]?.state == nil
            ? "budget \(budget): a projection is stored but the budget has no events"
            : "budget \(budget): the stored projection differs from a replay of its events"
    }

}
