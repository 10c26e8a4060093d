import Dispatch
import LMDB
import LedgerDomain

/// Many tasks, each posting one event or one batch, sharing durable commits.
///
/// A durable commit costs the same two fsyncs whether it carries one event or a thousand. So
/// callers queue their batch and wait; one writer thread takes everything queued, posts it in
/// one write transaction (in queue order, each event checked against the ones before it), commits
/// durably, and only then resumes each caller with its own report. Batches stay whole: an
/// all-or-nothing batch with a rejection is left out of the commit (the transaction is run again
/// without it, so nobody else's events were checked against it), a partial one writes its
/// accepted events. If the commit itself fails, every caller in it gets the error and none of
/// their events is written.
///
/// The writer is an OS thread, not a task: it blocks on LMDB's writer lock and on fsync, which
/// must never happen on Swift's cooperative pool.
public final class GroupCommitter: Sendable {
    /// At most this many events share one commit, so a burst does not make its first callers
    /// wait for a huge transaction.
    public static let eventsPerCommitMax = 4_096

    private let queue: Queue
    private let writer: BackgroundThread

    /// Starts the writer thread. `clock` gives `recorded_at`.
    public init(ledger: Ledger, clock: @escaping @Sendable () -> Timestamp = Timestamp.now) throws {
        let queue = Queue()
        self.queue = queue
        writer = try BackgroundThread {
            var gatherWindow = Queue.gatherWindowMinimum
            let carry = ProjectionCarry()
            while let pending = queue.takeAll(limit: GroupCommitter.eventsPerCommitMax, window: gatherWindow) {
                let start = DispatchTime.now().uptimeNanoseconds
                GroupCommitter.commit(pending, to: ledger, carry: carry, clock: clock)
                gatherWindow = Queue.gatherWindow(afterCommitTaking: Int(DispatchTime.now().uptimeNanoseconds - start))
            }
        }
    }

    /// Commits made so far, and the events they carried: how well posters shared commits.
    public var commits: (commits: Int, events: Int) { queue.taken }

    /// Stops the writer once everything queued is committed. Posting afterwards throws.
    deinit {
        queue.close()
        writer.join()
    }

    /// Posts one event, given as its JSON line; returns once it is durable (or rejected).
    /// The result's `line` is 1.
    public func post(line: [UInt8]) async throws -> LineResult {
        // Decoded here, on the caller's task: the writer only checks and appends.
        try await post(single: DecodedLine(InputLine(number: 1, bytes: line, isTooLong: line.count > LineReader.lineLengthMax)))
    }

    /// Posts one typed event; returns once it is durable (or rejected).
    public func post(_ event: Event) async throws -> LineResult {
        try await post(single: DecodedLine(typed: event, number: 1))
    }

    /// Posts one batch of lines, as `post` would post a file, in the name of `user` (the actor
    /// rule of SPEC 8.1); returns once its events are durable, or rejected.
    public func post(batch lines: [InputLine], mode: PostMode, postedBy user: String) async throws -> PostReport {
        // Decoded here, on the caller's task: the writer only checks and appends.
        try await post(lines.map { DecodedLine($0, postedBy: user) }, mode: mode)
    }

    private func post(single line: DecodedLine) async throws -> LineResult {
        // A blank line is no event: reported as malformed, as a single post must answer.
        if line.decoded == nil {
            return LineResult(line: 1, id: nil, status: .rejected, seq: nil, rejection: Rejection(.malformedJSON, "the line is blank"))
        }
        let report = try await post([line], mode: .partial)
        return report.results[0]
    }

    private func post(_ lines: [DecodedLine], mode: PostMode) async throws -> PostReport {
        try await withCheckedThrowingContinuation { continuation in
            if !queue.append(Pending(lines: lines, mode: mode, continuation: continuation)) {
                continuation.resume(throwing: StoreError.committerClosed)
            }
        }
    }

    /// Thrown inside the transaction when an all-or-nothing batch has a rejection: the
    /// transaction is abandoned and run again without that batch.
    private struct BatchLeftOut: Error {
        let index: Int
        let report: PostReport
    }

    /// One commit: every pending batch in one write transaction, then each caller resumed.
    private static func commit(_ pending: [Pending], to ledger: Ledger, carry: ProjectionCarry, clock: () -> Timestamp) {
        var reports = [PostReport?](repeating: nil, count: pending.count)
        var leftOut = [Bool](repeating: false, count: pending.count)
        do {
            // Each run either commits or leaves one more batch out: at most pending.count + 1 runs.
            while true {
                do {
                    _ = try ledger.postBatch(mode: .partial, carry: carry) { poster, txn, _ in
                        for (index, entry) in pending.enumerated() where !leftOut[index] {
                            var report = PostReport()
                            for line in entry.lines {
                                if let result = try poster.post(line, clock: clock, in: txn) { report.add(result) }
                            }
                            if entry.mode == .allOrNothing && report.rejected > 0 { throw BatchLeftOut(index: index, report: report) }
                            report.written = report.accepted
                            reports[index] = report
                        }
                    }
                    break
                } catch let batch as BatchLeftOut {
                    var report = batch.report
                    for line in report.results.indices { report.results[line].seq = nil }
                    leftOut[batch.index] = true
                    reports[batch.index] = report
                }
            }
            // Committed and synced: now, and only now, the callers learn their results.
            for (entry, report) in zip(pending, reports) { entry.continuation.resume(returning: report ?? PostReport()) }
        } catch {
            for entry in pending { entry.continuation.resume(throwing: error) }
        }
    }

    private struct Pending: Sendable {
        let lines: [DecodedLine]
        let mode: PostMode
        let continuation: CheckedContinuation<PostReport, any Error>

        /// Events, for the bound on one commit's size.
        var count: Int { lines.count }
    }

    /// The callers' events waiting for the writer.
    private final class Queue: Sendable {
        private let lock = ConditionLock()
        private let state = Guarded()

        /// Guarded by `lock`.
        private final class Guarded: @unchecked Sendable {
            var pending: [Pending] = []
            var isClosed = false
            /// The sizes of the latest commits: their largest is how many callers take part.
            var recentSizes = GatherTarget()
            var batches = 0
            var events = 0
        }

        var taken: (commits: Int, events: Int) { lock.withLock { (state.batches, state.events) } }

        /// False once closed.
        func append(_ entry: Pending) -> Bool {
            lock.withLock {
                guard !state.isClosed else { return false }
                state.pending.append(entry)
                lock.broadcast()
                return true
            }
        }

        /// Waits for events, then takes up to `limit` of them, oldest first; nil once closed
        /// and empty.
        ///
        /// Callers resumed by a commit post their next events within microseconds of each
        /// other on an idle machine, but up to milliseconds apart on busy cores. Waking on the
        /// first and committing it alone would split them into a small commit and a large one;
        /// and a target taken from the last commit alone kept such a split for good (each half
        /// then waited only for its own size: one run in seven fell to half the rate). So once
        /// something is queued, the writer gathers until as many events wait as the largest of
        /// the latest commits carried, or for at most `window`, which follows the cost of a
        /// commit: waiting a fraction of a commit for stragglers costs less than a commit more.
        /// A lone poster (latest commits: one event each) never waits.
        func takeAll(limit: Int, window nanoseconds: Int) -> [Pending]? {
            lock.withLock {
                while state.pending.isEmpty && !state.isClosed { lock.wait() }
                guard !state.pending.isEmpty else { return nil }
                let deadline = ConditionLock.deadline(after: nanoseconds)
                // The target counts requests (batches), as the recent sizes do.
                let target = min(state.recentSizes.target, limit)
                while state.pending.count < target, !state.isClosed, lock.wait(until: deadline) {}
                // Whole batches, up to `limit` events, but always at least one batch.
                var batches = 0, events = 0
                while batches < state.pending.count, batches == 0 || events + state.pending[batches].count <= limit {
                    events += state.pending[batches].count
                    batches += 1
                }
                let taken = Array(state.pending.prefix(batches))
                state.pending.removeFirst(taken.count)
                state.recentSizes.record(taken.count)
                state.batches += 1
                state.events += events
                return taken
            }
        }

        static let gatherWindowMinimum = 200_000
        static let gatherWindowMaximum = 2_000_000

        /// A quarter of the last commit's duration, within 0.2–2 ms.
        static func gatherWindow(afterCommitTaking nanoseconds: Int) -> Int {
            min(max(nanoseconds / 4, gatherWindowMinimum), gatherWindowMaximum)
        }

        func close() {
            lock.withLock {
                state.isClosed = true
                lock.broadcast()
            }
        }
    }
}

/// How many events the group committer waits for: the largest of the last few commits, so that
/// one small commit (a few callers late on busy cores) does not lower the target for good.
struct GatherTarget: Sendable {
    static let remembered = 8
    private var sizes: [Int] = []
    private var next = 0

    /// One event until a commit is recorded: a lone poster never waits.
    var target: Int { sizes.max() ?? 1 }

    mutating func record(_ size: Int) {
        if sizes.count < Self.remembered {
            sizes.append(size)
        } else {
            sizes[next] = size
        }
        next = (next + 1) % Self.remembered
    }
}
