import LMDB
import LedgerDomain

/// Thrown inside the write transaction to roll back an all-or-nothing batch that had a rejection.
private struct BatchRejected: Error {
    let report: PostReport
}

extension Ledger {
    /// Posts lines all-or-nothing (or, `.partial`, the accepted ones): each event is checked
    /// against the ledger as it stands after the events before it, appended with its envelope
    /// and hash, and the budget projections are updated.
    ///
    /// A file of any size costs bounded memory: the lines are checked and written
    /// `linesPerCommit` at a time, each in a commit of its own, behind a mark that keeps every
    /// reader at the ledger as it was until the last commit writes the projections and the chain
    /// tip (`PendingImport`). Readers never see part of a batch; a crash at any instant leaves
    /// the ledger as it was before the input or with all of it; an all-or-nothing batch with a
    /// rejection is rolled back whole. Other writers wait for the import (`ImportLock`).
    ///
    /// - Parameters:
    ///   - linesPerCommit: how many lines each commit checks and writes.
    ///   - openSource: opens the input from its start; it may be called more than once, because
    ///     the import starts again after growing a full map.
    ///   - clock: the time to record; `recorded_at` never goes backwards along the chain.
    ///   - progress: called with the number of lines read, every `progressInterval` lines.
    ///   - eachResult: when given, each line's result is handed to it as the line is posted and
    ///     not kept in the report (whose `results` stay empty), so that memory does not grow with
    ///     the input. Its `seq` holds only if the batch is written (`written > 0` in the report).
    ///     A rerun after map growth calls `openSource` again, then hands the results over again.
    ///
    /// ```swift
    /// let report = try ledger.post(mode: .allOrNothing) { try LineReader(path: "events.jsonl") }
    /// print(report.accepted, report.duplicates, report.rejected, report.written)
    /// for result in report.results where result.status == .rejected {
    ///     print(result.line, result.rejection!.code.rawValue)   // e.g. insufficient_funds
    /// }
    /// ```
    public func post(
        mode: PostMode = .allOrNothing,
        linesPerCommit: Int = Ledger.defaultLinesPerCommit,
        clock: () -> Timestamp = Timestamp.now,
        progress: ((Int) -> Void)? = nil,
        openSource: () throws -> any LineSource,
        eachResult: ((LineResult) throws -> Void)? = nil
    ) throws -> PostReport {
        precondition(linesPerCommit > 0, "a commit checks at least one line")
        let lock = try ImportLock(directory: directory)
        try lock.lock(notice: whileWaitingForAnotherWriter)
        return try withExtendedLifetime(lock) {  // held until the import ends
            // A mark left now is a dead import's.
            try rollBackPendingImport()
            while true {
                do {
                    return try importLines(mode: mode, linesPerCommit: linesPerCommit, clock: clock, progress: progress,
                                           source: try openSource(), eachResult: eachResult)
                } catch is ImportRestart {
                    continue  // the map grew under a commit whose lines were already read: from the start
                }
            }
        }
    }

    static let progressInterval = 10_000

    /// One run of an import: commits of `linesPerCommit` lines until the source ends. Whatever
    /// stops it part-way (a rejection in an all-or-nothing batch, an error, a rerun) rolls its
    /// earlier commits back before it returns or throws.
    private func importLines(mode: PostMode, linesPerCommit: Int, clock: () -> Timestamp, progress: ((Int) -> Void)?,
                             source: any LineSource, eachResult: ((LineResult) throws -> Void)?) throws -> PostReport {
        let pipeline = try DecodingPipeline(source: source)
        defer { pipeline.stop() }
        var poster: BatchPoster?
        var report = PostReport()
        var nextProgress = Ledger.progressInterval
        var sourceEnded = false
        var commits = 0
        var largestGrowth = 0
        do {
            while !sourceEnded {
                if commits > 0 { try reserveMapSpace(2 * largestGrowth) }
                let usedBefore = try usedMapBytes()
                var runs = 0
                try write(asPartOfImport: true) { txn in
                    runs += 1
                    // LMDB reruns a transaction after growing the map; this one's lines are gone.
                    guard runs == 1 else { throw ImportRestart() }
                    if poster == nil { poster = BatchPoster(databases: databases, tip: try tip(in: txn)) }
                    var lines = 0
                    while lines < linesPerCommit {
                        guard let line = try pipeline.next() else {
                            sourceEnded = true
                            break
                        }
                        lines += 1
                        while let progress, line.number >= nextProgress {
                            progress(nextProgress)
                            nextProgress += Ledger.progressInterval
                        }
                        if let result = try poster!.post(line, clock: clock, in: txn) {
                            report.add(result, keeping: eachResult == nil)
                            try eachResult?(result)
                        }
                        noteMapStep()
                    }
                    if !sourceEnded {
                        if commits == 0 { try txn.put(databases.meta, key: PendingImport.key, value: PendingImport.mark) }
                        return
                    }
                    if mode == .allOrNothing && report.rejected > 0 { throw BatchRejected(report: report) }
                    try poster!.finish(in: txn, afterEachBudget: noteMapStep)
                    if commits > 0 { _ = try txn.delete(databases.meta, key: PendingImport.key) }
                }
                commits += 1
                largestGrowth = max(largestGrowth, try usedMapBytes() - usedBefore)
                if !sourceEnded { importCommitObserver?(commits) }
            }
            report.written = report.accepted
            return report
        } catch let rejected as BatchRejected {
            try rollBackPendingImport()
            return rejected.report.withoutSeqs
        } catch {
            try? rollBackPendingImport()
            throw error
        }
    }

    /// One batch in one write transaction: `body` posts through the poster and records each
    /// result; then the projections and the chain tip are written, unless an all-or-nothing
    /// batch had a rejection, in which case nothing is.
    ///
    /// `carry`, when given, lends the projections a previous commit of the same writer left
    /// (used only if the chain tip is still where that commit left it), and takes this batch's
    /// once it has committed.
    func postBatch(mode: PostMode, carry: ProjectionCarry? = nil,
                   _ body: (inout BatchPoster, borrowing WriteTransaction, inout PostReport) throws -> Void) throws -> PostReport {
        do {
            var committed: (projections: [String: KeptProjection], start: ChainTip, end: ChainTip)?
            let report = try write { txn in
                let start = try tip(in: txn)
                var poster = BatchPoster(databases: databases, tip: start, known: carry?.known(at: start) ?? [:])
                var report = PostReport()
                try body(&poster, txn, &report)
                if mode == .allOrNothing && report.rejected > 0 { throw BatchRejected(report: report) }
                try poster.finish(in: txn, afterEachBudget: noteMapStep)
                report.written = report.accepted
                if carry != nil { committed = (poster.changedProjections, start, poster.tip) }
                return report
            }
            // Committed: only now are the batch's projections what the ledger stores.
            if let carry, let committed { carry.keep(committed.projections, from: committed.start, to: committed.end) }
            return report
        } catch let rejected as BatchRejected {
            return rejected.report.withoutSeqs
        }
    }
}

extension Ledger {
    /// Grows the map ahead of an import's next commit, when the room left is less than
    /// `bytes` (see `Environment.reserveFreeSpace`): a commit that fills the map is begun again
    /// by LMDB, and an import whose lines that commit had read must then roll back and start
    /// over. Tests turn it off (`reservesMapSpaceForImports`) to rehearse that path.
    func reserveMapSpace(_ bytes: Int) throws {
        guard reservesMapSpaceForImports else { return }
        do { try environment.reserveFreeSpace(bytes) } catch let error as LMDBError { throw StoreError.wrap(error) }
    }

    func usedMapBytes() throws -> Int {
        do { return try environment.usedBytes } catch let error as LMDBError { throw StoreError.wrap(error) }
    }
}

/// Thrown out of an import's commit that LMDB began again after growing the map.
private struct ImportRestart: Error {}

extension PostReport {
    /// The report of a batch that was not written: no line has a seq.
    var withoutSeqs: PostReport {
        var report = self
        for index in report.results.indices { report.results[index].seq = nil }
        return report
    }

    /// Counts a line's result and, unless told otherwise, keeps it.
    mutating func add(_ result: LineResult, keeping: Bool = true) {
        switch result.status {
        case .accepted: accepted += 1
        case .duplicate: duplicates += 1
        case .rejected: rejected += 1
        }
        if keeping { results.append(result) }
    }
}
