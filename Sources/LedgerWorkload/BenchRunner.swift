import Foundation
import LedgerStore

/// What `budget-ledger bench` runs: the workloads of `BenchWorkloads`, each in a fresh ledger
/// under one temporary directory that is removed afterwards. Every commit is durable.
public struct BenchRunner {
    public struct Options: Sendable {
        public var events = 200_000
        public var budgets = 1_000
        public var batch = 10_000
        /// Concurrent single posters (tasks), each posting one event at a time.
        public var posters = 64
        /// Events they post between them (at least 8 per poster).
        public var concurrentEvents = 5_120
        /// Events posted one durable commit each, for the baseline of group commit.
        public var singleCommitEvents = 200
        public var balanceReads = 100_000
        /// Where the temporary directory goes: a real disk, or the commits are not durable.
        public var temporaryRoot = FileManager.default.temporaryDirectory.path
        /// Only bulk posting (with the reads, bytes per event and peak RSS): for very large
        /// runs, where a JSONL post would hold the whole file in one transaction.
        public var bulkOnly = false
        /// The `budget-ledger` binary whose `serve` the HTTP figures are measured against; nil
        /// leaves them out (0).
        public var serverExecutable: String?
        /// Leave the ledgers in place (for `mdb_stat`, `verify`…) instead of removing them.
        public var keepsLedgers = false

        public init() {}
    }

    public let options: Options

    public init(options: Options) { self.options = options }

    /// Runs every measurement. `progress` hears the phase and how far it got.
    public func run(progress: @escaping (_ phase: String, _ done: Int) -> Void = { _, _ in }) throws -> BenchReport {
        let root = try makeTemporaryDirectory()
        defer { if !options.keepsLedgers { try? FileManager.default.removeItem(atPath: root) } }
        var report = BenchReport()
        if options.keepsLedgers { report.keptIn = root }
        let workload = Workload(events: options.events, budgets: options.budgets)
        report.events = options.events
        report.budgets = workload.budgets
        report.batch = options.batch
        report.posters = options.posters

        let bulk = try Ledger.create(at: root + "/bulk")
        let bulkSeconds = try BenchWorkloads.postBulk(workload, batch: options.batch, into: bulk) { progress("bulk posting, events", $0) }
        report.postEventsPerSecond = Double(options.events) / bulkSeconds
        report.bytesPerEvent = Double(Measurement.fileSize(root + "/bulk/data.mdb")) / Double(max(1, options.events))
        report.postingPeakRSSBytes = Measurement.peakResidentBytes()

        progress("balance reads", 0)
        let latencies = try BenchWorkloads.balanceReadLatencies(bulk, budgets: workload.budgetIDs, reads: options.balanceReads)
        report.balanceReadP50Microseconds = Measurement.quantile(0.5, of: latencies)
        report.balanceReadP99Microseconds = Measurement.quantile(0.99, of: latencies)

        if options.bulkOnly {
            report.peakRSSBytes = Measurement.peakResidentBytes()
            return report
        }

        // Group commit, on budgets of their own beside the bulk ones.
        progress("\(options.posters) concurrent posters", 0)
        let concurrent = Workload(events: max(options.concurrentEvents, 8 * options.posters), budgets: options.posters,
                                  firstBudget: workload.budgets + 1, seed: 2)
        let (concurrentSeconds, commits) = try BenchWorkloads.postConcurrentlyCountingCommits(concurrent, into: bulk)
        report.concurrentEventsPerSecond = Double(concurrent.events) / concurrentSeconds
        report.eventsPerGroupCommit = Double(concurrent.events) / Double(max(1, commits))
        progress("one durable commit per event", 0)
        let single = Workload(events: max(options.singleCommitEvents, 8), budgets: 1, firstBudget: workload.budgets + options.posters + 1, seed: 3)
        report.singleCommitEventsPerSecond = Double(single.events) / (try BenchWorkloads.postConcurrently(single, into: bulk))

        if let executable = options.serverExecutable {
            progress("\(options.posters) HTTP clients, one event per request", 0)
            let http = try HTTPPostBench.run(executable: executable, directory: root + "/http", clients: options.posters,
                                             events: max(options.concurrentEvents, 8 * options.posters))
            report.httpEventsPerSecond = http.eventsPerSecond
            report.httpP99Milliseconds = http.p99Milliseconds
            report.httpEventsPerGroupCommit = http.eventsPerCommit
        }

        progress("writing the JSONL file", 0)
        let file = root + "/events.jsonl"
        try BenchWorkloads.writeJSONL(workload, to: file)
        let lines = try Ledger.create(at: root + "/jsonl")
        let jsonlSeconds = try BenchWorkloads.postJSONL(file, into: lines) { progress("post of a JSONL file, lines", $0) }
        report.jsonlEventsPerSecond = Double(options.events) / jsonlSeconds
        if !options.keepsLedgers { try FileManager.default.removeItem(atPath: file) }

        let replaySeconds = try BenchWorkloads.replay(lines) { progress("replay, events", Int($0)) }
        report.replayEventsPerSecond = Double(options.events) / replaySeconds

        report.peakRSSBytes = Measurement.peakResidentBytes()
        return report
    }

    private func makeTemporaryDirectory() throws -> String {
        var template = Array((options.temporaryRoot + "/budget-ledger-bench-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("cannot make a directory under \(options.temporaryRoot)") }
        return String(cString: made)
    }
}
