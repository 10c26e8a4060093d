import LMDB
import LedgerDomain

/// Thrown inside the write transaction to roll back an all-or-nothing batch that had a rejection.
private struct BatchRejected: Error {
    let report: PostReport
}

extension Ledger {
    /// Posts lines in one write transaction: each event is checked against the ledger as it
    /// stands after the events before it, appended with its envelope and hash, and the budget
    /// projections are updated in the same transaction.
    ///
    /// - Parameters:
    ///   - openSource: opens the input from its start; it may be called more than once, because
    ///     LMDB runs the transaction again after growing a full map.
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
        clock: () -> Timestamp = Timestamp.now,
        progress: ((Int) -> Void)? = nil,
        openSource: () throws -> any LineSource,
        eachResult: ((LineResult) throws -> Void)? = nil
    ) throws -> PostReport {
        try postBatch(mode: mode) { poster, txn, report in
            let pipeline = try DecodingPipeline(source: try openSource())
            defer { pipeline.stop() }
            var nextProgress = Ledger.progressInterval
            while let line = try pipeline.next() {
                while let progress, line.number >= nextProgress {
                    progress(nextProgress)
                    nextProgress += Ledger.progressInterval
                }
                if let result = try poster.post(line, clock: clock, in: txn) {
                    report.add(result, keeping: eachResult == nil)
                    try eachResult?(result)
                }
                noteMapped(events: 1)
            }
        }
    }

    static let progressInterval = 10_000

    /// One batch in one write transaction: `body` posts through the poster and records each
    /// result; then the projections and the chain tip are written, unless an all-or-nothing
    /// batch had a rejection, in which case nothing is.
    func postBatch(mode: PostMode,
                   _ body: (inout BatchPoster, borrowing WriteTransaction, inout PostReport) throws -> Void) throws -> PostReport {
        do {
            let report = try write { txn in
                var poster = BatchPoster(databases: databases, tip: try tip(in: txn))
                var report = PostReport()
                try body(&poster, txn, &report)
                if mode == .allOrNothing && report.rejected > 0 { throw BatchRejected(report: report) }
                try poster.finish(in: txn)
                report.written = report.accepted
                return report
            }
            return report
        } catch let rejected as BatchRejected {
            var report = rejected.report
            for index in report.results.indices { report.results[index].seq = nil }
            return report
        }
    }
}

extension PostReport {
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
