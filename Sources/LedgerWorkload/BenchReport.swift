import LedgerDomain

/// What `budget-ledger bench` measured. Every figure is with durable commits (fsync on every
/// commit), in fresh ledgers on the machine's disk.
public struct BenchReport: Sendable {
    public var events = 0
    public var budgets = 0
    public var batch = 0
    public var posters = 0
    /// Typed events through the library API, one durable transaction per batch.
    public var postEventsPerSecond = 0.0
    /// `post` of a JSON Lines file: one durable transaction for the whole file.
    public var jsonlEventsPerSecond = 0.0
    /// `replay` of the JSONL ledger: every event read and folded.
    public var replayEventsPerSecond = 0.0
    /// `posters` tasks each posting one event at a time, sharing commits (group commit).
    public var concurrentEventsPerSecond = 0.0
    /// `posters` keep-alive HTTP clients against `budget-ledger serve`, one event per request.
    public var httpEventsPerSecond = 0.0
    /// Their request latency, 99th percentile.
    public var httpP99Milliseconds = 0.0
    /// Events per durable commit of the server during the HTTP figures.
    public var httpEventsPerGroupCommit = 0.0
    /// How many events the concurrent posters' commits carried on average.
    public var eventsPerGroupCommit = 0.0
    /// One poster, one event per durable commit: what group commit is measured against.
    public var singleCommitEventsPerSecond = 0.0
    public var balanceReadP50Microseconds = 0.0
    public var balanceReadP99Microseconds = 0.0
    /// The bulk ledger's data file over its events.
    public var bytesPerEvent = 0.0
    /// getrusage's ru_maxrss for the whole run.
    public var peakRSSBytes = 0
    /// ru_maxrss right after bulk posting: the peak while posting.
    public var postingPeakRSSBytes = 0
    /// Where the ledgers were left, when asked to keep them.
    public var keptIn: String?

    public init() {}

    /// One JSON object: the seven keys the issue names first, then the context.
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("post_events_per_second"); writer.raw(Self.number(postEventsPerSecond, decimals: 0))
        writer.key("jsonl_events_per_second"); writer.raw(Self.number(jsonlEventsPerSecond, decimals: 0))
        writer.key("replay_events_per_second"); writer.raw(Self.number(replayEventsPerSecond, decimals: 0))
        writer.key("concurrent_events_per_second"); writer.raw(Self.number(concurrentEventsPerSecond, decimals: 0))
        writer.key("balance_read_p99_us"); writer.raw(Self.number(balanceReadP99Microseconds, decimals: 2))
        writer.key("bytes_per_event"); writer.raw(Self.number(bytesPerEvent, decimals: 1))
        writer.field("peak_rss_bytes", peakRSSBytes)
        writer.key("balance_read_p50_us"); writer.raw(Self.number(balanceReadP50Microseconds, decimals: 2))
        writer.key("single_commit_events_per_second"); writer.raw(Self.number(singleCommitEventsPerSecond, decimals: 0))
        writer.key("concurrent_speedup"); writer.raw(Self.number(concurrentSpeedup, decimals: 1))
        writer.key("events_per_group_commit"); writer.raw(Self.number(eventsPerGroupCommit, decimals: 1))
        writer.field("posting_peak_rss_bytes", postingPeakRSSBytes)
        writer.key("http_events_per_second"); writer.raw(Self.number(httpEventsPerSecond, decimals: 0))
        writer.key("http_p99_ms"); writer.raw(Self.number(httpP99Milliseconds, decimals: 2))
        writer.key("http_events_per_group_commit"); writer.raw(Self.number(httpEventsPerGroupCommit, decimals: 1))
        writer.field("events", events)
        writer.field("budgets", budgets)
        writer.field("batch", batch)
        writer.field("posters", posters)
        writer.key("durable"); writer.bool(true)
        writer.endObject()
        return writer.takeBytes()
    }

    /// Concurrent single posters over one durable commit per event.
    public var concurrentSpeedup: Double {
        singleCommitEventsPerSecond > 0 ? concurrentEventsPerSecond / singleCommitEventsPerSecond : 0
    }

    /// A JSON number with at most `decimals` decimals (never NaN or infinite).
    public static func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return decimals == 0 ? String(Int64(rounded)) : String(rounded)
    }
}
