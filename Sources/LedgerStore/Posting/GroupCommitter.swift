import LMDB
import LedgerDomain

/// Many tasks, each posting one event, sharing durable commits.
///
/// A durable commit costs the same two fsyncs whether it carries one event or a thousand. So
/// callers queue their event and wait; one writer thread takes everything queued, posts it in
/// one write transaction (in queue order, each event checked against the ones before it), commits
/// durably, and only then resumes each caller with its own result. A rejected event is rejected
/// alone: the others in the same commit are written, as `post --partial` does. If the commit
/// itself fails, every caller in it gets the error and none of their events is written.
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
            while let pending = queue.takeAll(limit: GroupCommitter.eventsPerCommitMax) {
                GroupCommitter.commit(pending, to: ledger, clock: clock)
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
        try await post(DecodedLine(InputLine(number: 1, bytes: line, isTooLong: line.count > LineReader.lineLengthMax)))
    }

    /// Posts one typed event; returns once it is durable (or rejected).
    public func post(_ event: Event) async throws -> LineResult {
        try await post(DecodedLine(typed: event, number: 1))
    }

    private func post(_ line: DecodedLine) async throws -> LineResult {
        try await withCheckedThrowingContinuation { continuation in
            if !queue.append(Pending(line: line, continuation: continuation)) {
                continuation.resume(throwing: StoreError.committerClosed)
            }
        }
    }

    /// One commit: every pending event in one write transaction, then each caller resumed.
    private static func commit(_ pending: [Pending], to ledger: Ledger, clock: () -> Timestamp) {
        do {
            let report = try ledger.postBatch(mode: .partial) { poster, txn, report in
                for entry in pending {
                    // A blank line is no event: reported as malformed, as a single post must answer.
                    report.add(try poster.post(entry.line, clock: clock, in: txn)
                        ?? LineResult(line: 1, id: nil, status: .rejected, seq: nil, rejection: Rejection(.malformedJSON, "the line is blank")))
                }
            }
            // Committed and synced: now, and only now, the callers learn their results.
            for (entry, result) in zip(pending, report.results) { entry.continuation.resume(returning: result) }
        } catch {
            for entry in pending { entry.continuation.resume(throwing: error) }
        }
    }

    private struct Pending: Sendable {
        let line: DecodedLine
        let continuation: CheckedContinuation<LineResult, any Error>
    }

    /// The callers' events waiting for the writer.
    private final class Queue: Sendable {
        private let lock = ConditionLock()
        private let state = Guarded()

        /// Guarded by `lock`.
        private final class Guarded: @unchecked Sendable {
            var pending: [Pending] = []
            var isClosed = false
            /// The size of the last commit: how many callers are taking part, roughly.
            var lastTaken = 1
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
        /// other. Waking on the first and committing it alone would split them into a tiny
        /// commit and a large one, forever alternating; so once something is queued, the
        /// writer gathers until as many events wait as the last commit carried, or for at
        /// most `gatherWindow`. A lone poster (last commit: one event) never waits.
        func takeAll(limit: Int) -> [Pending]? {
            lock.withLock {
                while state.pending.isEmpty && !state.isClosed { lock.wait() }
                guard !state.pending.isEmpty else { return nil }
                let deadline = ConditionLock.deadline(after: Queue.gatherWindowNanoseconds)
                while state.pending.count < min(state.lastTaken, limit), !state.isClosed, lock.wait(until: deadline) {}
                let taken = Array(state.pending.prefix(limit))
                state.pending.removeFirst(taken.count)
                state.lastTaken = taken.count
                state.batches += 1
                state.events += taken.count
                return taken
            }
        }

        static let gatherWindowNanoseconds = 200_000

        func close() {
            lock.withLock {
                state.isClosed = true
                lock.broadcast()
            }
        }
    }
}
