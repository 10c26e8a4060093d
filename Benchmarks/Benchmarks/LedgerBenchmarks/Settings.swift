import Foundation
import LedgerWorkload

/// The sizes of one benchmark run, from the environment (defaults in brackets):
/// BENCH_EVENTS [200000], BENCH_BUDGETS [1000], BENCH_BATCH [10000], BENCH_POSTERS [64],
/// BENCH_ITERATIONS [3] runs of each throughput benchmark, BENCH_DIR [$TMPDIR] for the
/// ledgers (on the disk to measure), BENCH_10M=1 to add the ten-million-event run.
struct Settings: Sendable {
    let events: Int
    let budgets: Int
    let batch: Int
    let posters: Int
    let iterations: Int
    let directory: String
    let tenMillion: Bool

    static let current = Settings()

    private init() {
        let environment = ProcessInfo.processInfo.environment
        func number(_ name: String, _ fallback: Int) -> Int { environment[name].flatMap(Int.init) ?? fallback }
        events = number("BENCH_EVENTS", 200_000)
        budgets = number("BENCH_BUDGETS", 1_000)
        batch = number("BENCH_BATCH", 10_000)
        posters = number("BENCH_POSTERS", 64)
        iterations = number("BENCH_ITERATIONS", 3)
        directory = environment["BENCH_DIR"] ?? FileManager.default.temporaryDirectory.path
        tenMillion = environment["BENCH_10M"] == "1"
    }

    var workload: Workload { Workload(events: events, budgets: budgets) }

    /// Events for the group commit runs: 80 per poster, on budgets of their own.
    var concurrentWorkload: Workload { Workload(events: 80 * posters, budgets: posters, firstBudget: 1, seed: 2) }

    /// One durable commit per event: one budget, 200 events.
    var singleWorkload: Workload { Workload(events: 200, budgets: 1, seed: 3) }

    /// The average size of the ledger's stored records for this workload (hash and canonical
    /// bytes), so that the C baselines append records of the same size.
    var recordSize: Int { BenchWorkloads.averageRecordSize(of: workload) }
}

/// A directory for one iteration's ledger, removed when done.
func withScratchDirectory<R>(_ label: String, _ body: (String) throws -> R) throws -> R {
    let path = Settings.current.directory + "/ledger-benchmarks-\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}
