import Benchmark
import CBaselines
import Foundation
import LedgerStore
import LedgerWorkload

// The workloads of `budget-ledger bench` (BenchWorkloads, the very same code), and the raw
// LMDB and SQLite baselines in C with records of the same size, all in one run, all durable.
// Each throughput benchmark reports "events/s" over the timed work only (setup, generating
// events and writing input files are not timed); Benchmarks/README.md turns them into ratios.

let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    let settings = Settings.current
    let recordSize = Int32(settings.recordSize)
    let streams = Int32(settings.workload.budgets)

    /// A throughput benchmark: `run` works in a fresh scratch directory and returns the seconds
    /// its timed part took for `events` events; the rate is recorded as events/s.
    func timed(_ name: String, events: Int, _ run: @escaping @Sendable (_ directory: String) throws -> Double) {
        Benchmark(name, configuration: .init(metrics: [eventsPerSecond, .wallClock, .peakMemoryResident], warmupIterations: 0,
                                             maxDuration: .seconds(3_600), maxIterations: settings.iterations)) { benchmark in
            do {
                let seconds = try withScratchDirectory("run") { try run($0) }
                benchmark.measurement(eventsPerSecond, Int(Double(events) / seconds))
            } catch {
                benchmark.error("\(error)")
            }
        }
    }

    // Baselines (C), with records of the ledger's average stored size, one stream per budget.

    timed("Baseline: raw LMDB, indexed appends (C)", events: settings.events) { directory in
        var seconds = 0.0
        return try baseline(lmdb_indexed_appends(directory, settings.events, recordSize, settings.batch, streams, &seconds), seconds)
    }
    timed("Baseline: raw LMDB, sequential scan reading every byte (C)", events: settings.events) { directory in
        var seconds = 0.0
        var records = 0
        _ = try baseline(lmdb_indexed_appends(directory, settings.events, recordSize, settings.batch, streams, &seconds), seconds)
        return try baseline(lmdb_scan(directory, &records, &seconds), seconds)
    }
    timed("Baseline: SQLite, indexed appends (C)", events: settings.events) { directory in
        var seconds = 0.0
        return try baseline(sqlite_indexed_appends(directory + "/events.db", settings.events, recordSize, settings.batch, streams, &seconds), seconds)
    }
    timed("Baseline: raw LMDB, one durable commit per record (C)", events: settings.singleWorkload.events) { directory in
        var seconds = 0.0
        return try baseline(lmdb_single_commits(directory, settings.singleWorkload.events, recordSize, 1, &seconds), seconds)
    }

    // The ledger: the very code `budget-ledger bench` times.

    timed("Ledger: bulk posting (API, batches)", events: settings.events) { directory in
        try BenchWorkloads.postBulk(settings.workload, batch: settings.batch, into: try Ledger.create(at: directory + "/ledger"))
    }
    timed("Ledger: post of a JSONL file", events: settings.events) { directory in
        try BenchWorkloads.writeJSONL(settings.workload, to: directory + "/events.jsonl")
        return try BenchWorkloads.postJSONL(directory + "/events.jsonl", into: try Ledger.create(at: directory + "/ledger"))
    }
    timed("Ledger: replay", events: settings.events) { directory in
        let ledger = try Ledger.create(at: directory + "/ledger")
        _ = try BenchWorkloads.postBulk(settings.workload, batch: settings.batch, into: ledger)
        return try BenchWorkloads.replay(ledger)
    }
    timed("Ledger: \(settings.posters) concurrent single posters (group commit)", events: settings.concurrentWorkload.events) { directory in
        try BenchWorkloads.postConcurrently(settings.concurrentWorkload, into: try Ledger.create(at: directory + "/ledger"))
    }
    timed("Ledger: one durable commit per event", events: settings.singleWorkload.events) { directory in
        try BenchWorkloads.postConcurrently(settings.singleWorkload, into: try Ledger.create(at: directory + "/ledger"))
    }
    if settings.tenMillion {
        timed("Ledger: bulk posting of 10,000,000 events (peak RSS)", events: 10_000_000) { directory in
            let workload = Workload(events: 10_000_000, budgets: settings.budgets)
            return try BenchWorkloads.postBulk(workload, batch: settings.batch, into: try Ledger.create(at: directory + "/ledger"))
        }
    }

    // Balance reads: one read per iteration, so the tool's wall-clock percentiles are the
    // read latency, on a ledger holding the whole workload. As `balance` reads and as
    // `budget-ledger bench` times it (`budgetBalances`: the projection's head, one LMDB get);
    // `budgetState` would also gather the dated totals and commitments, which `balance` does not.
    let reads = BalanceReadFixture()
    Benchmark("Ledger: balance read", configuration: .init(metrics: [.wallClock], warmupIterations: 1_000,
                                                          maxDuration: .seconds(10), maxIterations: 200_000)) { benchmark in
        do {
            let ledger = try reads.ledger()
            let budget = reads.nextBudget()
            benchmark.startMeasurement()
            blackHole(try ledger.budgetBalances(budget))
            benchmark.stopMeasurement()
        } catch {
            benchmark.error("\(error)")
        }
    }
}

/// A C baseline's result: its status, and the seconds it reported.
func baseline(_ status: Int32, _ seconds: Double) throws -> Double {
    guard status == 0 else { throw BenchError("the C baseline failed (see standard error)") }
    return seconds
}

/// Removed when the benchmark process exits.
nonisolated(unsafe) var readsDirectory: String?

/// The ledger the balance reads run against: the workload posted once, kept for the run.
final class BalanceReadFixture: @unchecked Sendable {
    private let lock = NSLock()
    private var posted: Ledger?
    private var budgets: [String] = []
    private var next = 0

    func ledger() throws -> Ledger {
        lock.lock()
        defer { lock.unlock() }
        if let posted { return posted }
        let settings = Settings.current
        let directory = settings.directory + "/ledger-benchmarks-reads-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        readsDirectory = directory
        atexit { if let directory = readsDirectory { try? FileManager.default.removeItem(atPath: directory) } }
        let ledger = try Ledger.create(at: directory + "/ledger")
        _ = try BenchWorkloads.postBulk(settings.workload, batch: settings.batch, into: ledger)
        budgets = settings.workload.budgetIDs.shuffled()
        posted = ledger
        return ledger
    }

    func nextBudget() -> String {
        lock.lock()
        defer { lock.unlock() }
        next = (next + 1) % budgets.count
        return budgets[next]
    }
}
