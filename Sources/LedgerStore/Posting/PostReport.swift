import LedgerDomain

public enum PostMode: Sendable {
    /// SPEC 6: if any event is rejected, nothing is written.
    case allOrNothing
    /// `--partial`: the accepted events are written.
    case partial
}

/// What happened to one line (SPEC 6.1).
public struct LineResult: Equatable, Sendable {
    public enum Status: String, Sendable {
        case accepted, duplicate, rejected
    }

    public let line: Int
    public let id: String?
    public let status: Status
    /// Only for accepted events that were written.
    public var seq: UInt64?
    public let rejection: Rejection?
}

public struct PostReport: Equatable, Sendable {
    public var results: [LineResult] = []
    public var accepted = 0
    public var duplicates = 0
    public var rejected = 0
    /// Events actually appended.
    public var written = 0

    public init() {}
}
