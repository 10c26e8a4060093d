/// Which events a view counts (SPEC 3): up to a `seq`, dated on or before a date, recorded at
/// or before a time. The three combine; an empty filter is the ledger as it stands.
public struct ViewFilter: Equatable, Sendable {
    public var asOfSeq: UInt64?
    public var asOfDate: CalendarDate?
    public var knownAt: Timestamp?

    public init(asOfSeq: UInt64? = nil, asOfDate: CalendarDate? = nil, knownAt: Timestamp? = nil) {
        self.asOfSeq = asOfSeq
        self.asOfDate = asOfDate
        self.knownAt = knownAt
    }

    public var isEverything: Bool { asOfSeq == nil && asOfDate == nil && knownAt == nil }

    public func includes(_ event: Event, _ envelope: Envelope) -> Bool {
        includes(seq: envelope.seq, date: event.date, recordedAt: envelope.recordedAt)
    }

    /// `recordedAt` may be left out (nil) when `knownAt` is nil: the view does not look at it.
    public func includes(seq: UInt64, date: CalendarDate, recordedAt: Timestamp?) -> Bool {
        if let asOfSeq, seq > asOfSeq { return false }
        if let asOfDate, date > asOfDate { return false }
        if let knownAt {
            guard let recordedAt else { preconditionFailure("a known-at view needs each event's recorded_at") }
            if recordedAt > knownAt { return false }
        }
        return true
    }
}
