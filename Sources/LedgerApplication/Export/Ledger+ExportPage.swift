import LedgerDomain
import LedgerStore

/// A page of the event log as `export` writes it: bounded, so that a caller over a network
/// never holds the whole log. Ask for the next page with `sinceSeq: page.nextSinceSeq`.
public struct ExportPage: Sendable {
    /// The events, in `seq` order.
    public let events: [StoredEvent]
    /// The last seq of the ledger in the snapshot the page was read from.
    public let lastSeq: UInt64

    /// Where the next page starts (the last seq on this page), nil when this page reaches `lastSeq`.
    public var nextSinceSeq: UInt64? {
        guard let last = events.last?.envelope.seq, last < lastSeq else { return nil }
        return last
    }
}

extension Ledger {
    /// The most events a page holds.
    public static let exportPageEventsMax = 10_000

    /// Events after `sinceSeq`, at most `limit` of them (and at most `exportPageEventsMax`),
    /// from one read snapshot.
    ///
    /// ```swift
    /// var since: UInt64? = 0
    /// while let from = since {
    ///     let page = try ledger.exportPage(sinceSeq: from, limit: 1_000)
    ///     for stored in page.events { FileHandle.standardOutput.write(Data(stored.exportLine + [0x0A])) }
    ///     since = page.nextSinceSeq
    /// }
    /// ```
    public func exportPage(sinceSeq: UInt64 = 0, limit: Int = Ledger.exportPageEventsMax) throws -> ExportPage {
        let bound = max(1, min(limit, Ledger.exportPageEventsMax))
        return try snapshot { snapshot in
            var events: [StoredEvent] = []
            try snapshot.events(sinceSeq: sinceSeq) { stored in
                events.append(stored)
                return events.count < bound
            }
            return ExportPage(events: events, lastSeq: try snapshot.lastSeq())
        }
    }
}
