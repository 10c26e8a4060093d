/// A `plan_line` event's own fields (SPEC 9).
public struct PlanLineEntry: Equatable, Sendable {
    public var line: String
    /// Nil when a single-model budget leaves it to the budget.
    public var pot: Pot?
    public var category: String
    /// Zero ends the line.
    public var amount: Money
    public var description: String?
    /// Nil: `nhs`, kept apart so that the event is written back as posted.
    public var funding: Funding?

    public init(line: String, pot: Pot?, category: String, amount: Money, description: String? = nil, funding: Funding? = nil) {
        self.line = line
        self.pot = pot
        self.category = category
        self.amount = amount
        self.description = description
        self.funding = funding
    }
}

/// A `schedule_set` event's own fields (SPEC 9).
public struct ScheduleSetting: Equatable, Sendable {
    public var schedule: String
    public var kind: ScheduleKind
    public var amount: Money
    public var every: ScheduleFrequency
    public var first: CalendarDate
    public var last: CalendarDate?
    /// Present exactly for a third-party schedule.
    public var organisation: String?

    public init(schedule: String, kind: ScheduleKind, amount: Money, every: ScheduleFrequency, first: CalendarDate,
                last: CalendarDate? = nil, organisation: String? = nil) {
        self.schedule = schedule
        self.kind = kind
        self.amount = amount
        self.every = every
        self.first = first
        self.last = last
        self.organisation = organisation
    }
}

/// A `repayment_requested` event's own fields (SPEC 9).
public struct RepaymentRequestEntry: Equatable, Sendable {
    public var repayment: String
    /// Nil when a single-model budget leaves it to the budget.
    public var pot: Pot?
    public var amount: Money
    public var grounds: RepaymentGrounds
    public var due: CalendarDate

    public init(repayment: String, pot: Pot?, amount: Money, grounds: RepaymentGrounds, due: CalendarDate) {
        self.repayment = repayment
        self.pot = pot
        self.amount = amount
        self.grounds = grounds
        self.due = due
    }
}
