/// A written request to repay money (SPEC 9 `repayment_requested`) and what has settled it.
public struct RepaymentRequest: Equatable, Sendable {
    public let name: String
    public let pot: Pot
    public let grounds: RepaymentGrounds
    public let requested: Money
    public let due: CalendarDate
    /// Recoveries naming the request, less the reversed ones.
    public var recovered = Money.zero
    /// Waivers, each the amount it waived when it was posted.
    public var waived = Money.zero

    public init(name: String, pot: Pot, grounds: RepaymentGrounds, requested: Money, due: CalendarDate) {
        self.name = name
        self.pot = pot
        self.grounds = grounds
        self.requested = requested
        self.due = due
    }

    /// `requested − recovered − waived`; nil only if it would not fit in 64-bit pence.
    public var outstanding: Money? { requested.subtracting(recovered)?.subtracting(waived) }

    /// Outstanding money past its `due` date on `date`.
    public func isOverdue(on date: CalendarDate) -> Bool { (outstanding ?? .zero) > .zero && due < date }
}

/// A review of a budget (SPEC 9 `review`), in the order recorded.
public struct ReviewRecord: Equatable, Sendable {
    public let date: CalendarDate
    public let outcome: ReviewOutcome
    /// Nil exactly when the outcome is `stop`.
    public let nextReview: CalendarDate?

    public init(date: CalendarDate, outcome: ReviewOutcome, nextReview: CalendarDate?) {
        self.date = date
        self.outcome = outcome
        self.nextReview = nextReview
    }
}
