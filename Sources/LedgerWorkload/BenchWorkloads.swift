import Dispatch
import Foundation
import LedgerDomain
import LedgerStore

/// The workloads `bench` times, one function each, so that the Benchmarks package times
/// exactly the same code. Each returns the seconds spent on the measured work only
/// (generating events or writing the input file is not timed). All commits are durable.
public enum BenchWorkloads {
    /// Posts `workload` through the typed API, `batch` events per write transaction.
    public static func postBulk(_ workload: Workload, batch: Int, into ledger: Ledger,
                                progress: (Int) -> Void = { _ in }) throws -> Double {
        var seconds = 0.0
        var events: [Event] = []
        events.reserveCapacity(batch)
        var iterator = workload.makeIterator()
        var posted = 0
        while true {
            events.removeAll(keepingCapacity: true)
            while events.count < batch, let event = iterator.next() { events.append(event) }
            if events.isEmpty { return seconds }
            let start = Measurement.now()
            let report = try ledger.post(events: events, mode: .allOrNothing)
            seconds += Measurement.now() - start
            try requireAccepted(report.rejected, report.results.first { $0.status == .rejected })
            posted += report.written
            progress(posted)
        }
    }

    /// Writes `workload` as a JSON Lines file, as a client would send it to `post`.
    public static func writeJSONL(_ workload: Workload, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw BenchError("cannot write \(path)")
        }
        defer { try? file.close() }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        for event in workload {
            chunk.append(contentsOf: Workload.line(event))
            chunk.append(0x0A)
            if chunk.count >= 1 << 20 {
                try file.write(contentsOf: chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try file.write(contentsOf: chunk)
    }

    /// `post` of a JSON Lines file, all-or-nothing: durable commits of `Ledger.defaultLinesPerCommit`
    /// lines, the last of which makes the file visible (see `Ledger.post(mode:linesPerCommit:…)`).
    public static func postJSONL(_ path: String, into ledger: Ledger, progress: ((Int) -> Void)? = nil) throws -> Double {
        var report = PostReport()
        let seconds = try Measurement.seconds {
            report = try ledger.post(mode: .allOrNothing, progress: progress) { try LineReader(path: path) }
        }
        try requireAccepted(report.rejected, report.results.first { $0.status == .rejected })
        return seconds
    }

    /// `replay`: every event read and folded, the projections compared and any difference written.
    public static func replay(_ ledger: Ledger, progress: ((UInt64) -> Void)? = nil) throws -> Double {
        try Measurement.seconds { try ledger.replay(progress: progress) }
    }

    /// One task per budget of `workload`, each posting its budget's events one at a time and
    /// waiting for each to be durable, all through one group committer. With one budget, this
    /// is one durable commit per event.
    public static func postConcurrently(_ workload: Workload, into ledger: Ledger) throws -> Double {
        try postConcurrentlyCountingCommits(workload, into: ledger).seconds
    }

    /// The same, also returning how many durable commits the events shared.
    public static func postConcurrentlyCountingCommits(_ workload: Workload, into ledger: Ledger) throws -> (seconds: Double, commits: Int) {
        let posters = Dictionary(grouping: workload, by: \.budget).values.map { $0 }
        let committer = try GroupCommitter(ledger: ledger)
        let start = Measurement.now()
        let rejected = try runBlocking {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for events in posters {
                    group.addTask {
                        var rejected = 0
                        for event in events {
                            if try await committer.post(event).status != .accepted { rejected += 1 }
                        }
                        return rejected
                    }
                }
                return try await group.reduce(0, +)
            }
        }
        let seconds = Measurement.now() - start
        try requireAccepted(rejected, nil)
        return (seconds, committer.commits.commits)
    }

    /// The time each of `reads` balance reads took, in microseconds: a read transaction and the
    /// budget's stored projection, as `balance` reads it, for budgets picked at random.
    public static func balanceReadLatencies(_ ledger: Ledger, budgets: [String], reads: Int) throws -> [Double] {
        var random = SeededRandom(seed: 7)
        var samples: [Double] = []
        samples.reserveCapacity(reads)
        for _ in 0..<reads {
            let budget = budgets.randomElement(using: &random)!
            let start = Measurement.now()
            let state = try ledger.budgetBalances(budget)
            samples.append((Measurement.now() - start) * 1e6)
            guard state != nil else { throw BenchError("budget \(budget) is missing") }
        }
        return samples
    }

    private static func requireAccepted(_ rejected: Int, _ example: LineResult?) throws {
        guard rejected == 0 else { throw BenchError("\(rejected) generated events were rejected, e.g. \(example.map { "\($0)" } ?? "?")") }
    }

    /// Runs async work from synchronous code (the command line) and waits for it.
    private static func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome<T>()
        Task.detached {
            do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try outcome.result!.get()
    }

    /// Written by the task before it signals, read after the wait: the semaphore orders them.
    private final class Outcome<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}

public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension BenchWorkloads {
    /// The average size of a stored record (32-byte hash, then the canonical bytes with their
    /// envelope) over the first `sample` events of `workload`: the record size the C
    /// baselines append, so that they move the same bytes as the ledger.
    public static func averageRecordSize(of workload: Workload, sample: Int = 20_000) -> Int {
        var bytes = 0
        var count = 0
        let recordedAt = Timestamp(millisecondsSinceEpoch: 1_795_000_000_000)
        for (index, event) in workload.prefix(sample).enumerated() {
            let envelope = Envelope(seq: UInt64(workload.events - index), version: UInt64(index % 500 + 1), recordedAt: recordedAt)
            bytes += 32 + EventEncoder.canonicalBytes(of: event, envelope: envelope).count
            count += 1
        }
        return count == 0 ? 0 : bytes / count
    }
}
