import Dispatch
#if canImport(Glibc)
import Glibc
#endif
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
            while var gather = queue.beginGather(limit: GroupCommitter.eventsPerCommitMax, window: gatherWindow) {
                let gatheredAt = GroupCommitter.commit(&gather, from: queue, to: ledger, carry: carry, clock: clock)
                queue.record(gather)
                gatherWindow = Queue.gatherWindow(afterCommitTaking: Int(DispatchTime.now().uptimeNanoseconds - gatheredAt))
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
    ///
    /// The transaction begins with the first requests and posts each later one as it arrives,
    /// until the gather ends: the writer checks and appends while the other posters are still
    /// making theirs, instead of idling until the last of them has queued. A batch left out, or
    /// a transaction begun again, runs over what was gathered, with no more taken. Returns when
    /// the gather ended (uptime nanoseconds), for the next window.
    private static func commit(_ gather: inout Gather, from queue: Queue, to ledger: Ledger, carry: ProjectionCarry,
                               clock: () -> Timestamp) -> UInt64 {
        var pending = gather.taken
        var reports = [PostReport?](repeating: nil, count: pending.count)
        var leftOut = [Bool](repeating: false, count: pending.count)
        var gatheredAt: UInt64?
        func endGather() {
            gather.isOver = true
            if gatheredAt == nil { gatheredAt = DispatchTime.now().uptimeNanoseconds }
        }
        do {
            // Each run either commits or leaves one more batch out: at most pending.count + 1 runs.
            while true {
                do {
                    _ = try ledger.postBatch(mode: .partial, carry: carry) { poster, txn, _ in
                        var index = 0
                        while true {
                            for entry in pending[index...] {
                                defer { index += 1 }
                                if leftOut[index] { continue }
                                var report = PostReport()
                                for line in entry.lines {
                                    if let result = try poster.post(line, clock: clock, in: txn) { report.add(result) }
                                }
                                if entry.mode == .allOrNothing && report.rejected > 0 { throw BatchLeftOut(index: index, report: report) }
                                report.written = report.accepted
                                reports[index] = report
                            }
                            let arrived = queue.continueGather(&gather)
                            if arrived.isEmpty {
                                endGather()
                                break
                            }
                            pending += arrived
                            reports += [PostReport?](repeating: nil, count: arrived.count)
                            leftOut += [Bool](repeating: false, count: arrived.count)
                        }
                    }
                    break
                } catch let batch as BatchLeftOut {
                    // Run again over what was gathered: those posters are waiting on this commit.
                    endGather()
                    var report = batch.report
                    for line in report.results.indices { report.results[line].seq = nil }
                    leftOut[batch.index] = true
                    reports[batch.index] = report
                }
            }
            // Committed and synced: now, and only now, the callers learn their results.
            for (entry, report) in zip(pending, reports) { entry.continuation.resume(returning: report ?? PostReport()) }
        } catch {
            endGather()
            for entry in pending { entry.continuation.resume(throwing: error) }
        }
        endGather()
        return gatheredAt!
    }

    private struct Pending: Sendable {
        let lines: [DecodedLine]
        let mode: PostMode
        let continuation: CheckedContinuation<PostReport, any Error>

        /// Events, for the bound on one commit's size.
        var count: Int { lines.count }
    }

    /// One commit's gathering of requests (see `Queue.beginGather`).
    private struct Gather {
        let target: Int
        let limit: Int
        let deadline: timespec
        /// What `beginGather` took.
        var taken: [Pending] = []
        var requests = 0
        var events = 0
        var isOver = false
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

        /// Waits for events, then takes what is queued (whole requests, oldest first, up to
        /// `limit` events but always at least one request) and starts a gather; nil once closed
        /// and empty.
        ///
        /// Callers resumed by a commit post their next events within microseconds of each
        /// other on an idle machine, but up to milliseconds apart on busy cores. Committing the
        /// first alone would split them into a small commit and a large one; and a target taken
        /// from the last commit alone kept such a split for good (each half then waited only for
        /// its own size: one run in seven fell to half the rate). So the gather goes on
        /// (`continueGather`) until as many requests were taken as the largest of the latest
        /// commits carried, or for at most `window`, which follows the cost of a commit: waiting
        /// a fraction of a commit for stragglers costs less than a commit more. A lone poster
        /// (latest commits: one request each) never waits.
        func beginGather(limit: Int, window nanoseconds: Int) -> Gather? {
            lock.withLock { () -> Gather? in
                while state.pending.isEmpty && !state.isClosed { lock.wait() }
                guard !state.pending.isEmpty else { return nil }
                var gather = Gather(target: min(state.recentSizes.target, limit), limit: limit,
                                    deadline: ConditionLock.deadline(after: nanoseconds))
                gather.taken = takeQueued(into: &gather)
                return gather
            }
        }

        /// The requests that arrived since the gather last took, waiting for them until the
        /// gather's target or deadline; empty once the gather is over (then it stays over).
        func continueGather(_ gather: inout Gather) -> [Pending] {
            lock.withLock {
                while !gather.isOver {
                    if gather.requests >= gather.target || gather.events >= gather.limit || state.isClosed {
                        gather.isOver = true
                    } else if !state.pending.isEmpty {
                        return takeQueued(into: &gather)
                    } else if !lock.wait(until: gather.deadline) {
                        gather.isOver = true
                    }
                }
                return []
            }
        }

        /// Counts a finished commit: its size is a gather target for the next ones.
        func record(_ gather: Gather) {
            lock.withLock {
                state.recentSizes.record(gather.requests)
                state.batches += 1
                state.events += gather.events
            }
        }

        /// Inside the lock: whole queued requests, up to the gather's event limit, always at
        /// least one when it has taken none.
        private func takeQueued(into gather: inout Gather) -> [Pending] {
            var requests = 0
            while requests < state.pending.count,
                  gather.requests + requests == 0 || gather.events + state.pending[requests].count <= gather.limit {
                gather.events += state.pending[requests].count
                requests += 1
            }
            gather.requests += requests
            // The next request would pass the limit: the commit is full.
            if requests < state.pending.count { gather.isOver = true }
            let taken = Array(state.pending.prefix(requests))
            state.pending.removeFirst(requests)
            return taken
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
