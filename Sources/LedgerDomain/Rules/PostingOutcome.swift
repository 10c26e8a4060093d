/// What posting one event would do.
public enum PostingOutcome: Equatable, Sendable {
    /// The same event is already recorded (SPEC 4.2): a success that changes nothing.
    case duplicate(seq: UInt64)
    case rejected(Rejection)
    case accepted(Acceptance)

    public var rejection: Rejection? {
        if case .rejected(let rejection) = self { return rejection }
        return nil
    }
}

/// An accepted event and everything appending it changes.
public struct Acceptance: Equatable, Sendable {
    public let event: Event
    /// The budget's projection after the event; its `version` is the event's version.
    public let budgetState: BudgetState
    /// For a reversal, the event it undoes, which is now marked reversed.
    public let reversedSeq: UInt64?
}
