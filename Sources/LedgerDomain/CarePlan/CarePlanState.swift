/// The section 9 part of a budget's projection: its care plan, schedules, reviews and repayment
/// requests, and the money put against plan lines. The posting rules read it; the `plan`,
/// `due`, `reviews` and `repayments` reports are read from it, over any view (SPEC 3).
///
/// Changes take plain values rather than events so that the same code serves posting, replay
/// and views. Sums are checked: a change that would overflow throws and leaves the state as it was.
public struct CarePlanState: Equatable, Sendable {
    /// In the order the lines were first posted.
    public private(set) var lines: [PlanLine] = []
    private var lineIndex: [String: Int] = [:]
    /// The plan line of each commitment that names one.
    public private(set) var commitmentLines: [String: String] = [:]
    /// Payments (not reversed) that belong to no line, by pot and category: `plan` sorts them
    /// into unattributed and outside the plan against the lines as they stand when it is asked.
    public private(set) var unlinedPayments: [Pot: [String: PaymentTally]] = [:]
    public private(set) var schedules: [String: Schedule] = [:]
    /// In `seq` order.
    public private(set) var reviews: [ReviewRecord] = []
    public private(set) var requests: [String: RepaymentRequest] = [:]

    public init() {}

    // MARK: Reading

    public func line(named name: String) -> PlanLine? { lineIndex[name].map { lines[$0] } }

    /// SPEC 9: a payment or commitment may name a line of its pot that is not ended.
    public func hasOpenLine(named name: String, in pot: Pot) -> Bool {
        guard let line = line(named: name) else { return false }
        return line.pot == pot && !line.isEnded
    }

    /// The latest review dated on or before `date` (latest date, then latest seq); any date when nil.
    public func latestReview(onOrBefore date: CalendarDate? = nil) -> ReviewRecord? {
        var latest: ReviewRecord?
        for review in reviews where date.map({ review.date <= $0 }) ?? true {
            if latest.map({ review.date >= $0.date }) ?? true { latest = review }
        }
        return latest
    }

    /// SPEC 9: direct payments are stopped on `date` when the latest review by then suspends or stops them.
    public func paymentsStopped(on date: CalendarDate) -> Bool {
        latestReview(onOrBefore: date)?.outcome.stopsPayments ?? false
    }

    /// SPEC 9 next review: the latest review's `next_review`; before any, three months after
    /// opening for a budget with a direct-payment pot and twelve otherwise; none after a stop
    /// or once the budget is closed.
    public func nextReview(opening: BudgetOpening, openedOn: CalendarDate, isClosed: Bool) -> CalendarDate? {
        if isClosed { return nil }
        if let latest = latestReview() { return latest.nextReview }
        let months = opening.effectivePots.contains(.directPayment) ? 3 : 12
        return openedOn.adding(months: months)
    }

    // MARK: Changing

    /// A `plan_line`: adds the line, or replaces the one of the same name whole (its pot stays).
    public mutating func setLine(name: String, pot: Pot, category: String, funding: Funding, planned: Money) {
        if let index = lineIndex[name] {
            assert(lines[index].pot == pot, "the rules keep a line in its pot")
            lines[index].category = category
            lines[index].funding = funding
            lines[index].planned = planned
        } else {
            lineIndex[name] = lines.count
            lines.append(PlanLine(name: name, pot: pot, category: category, funding: funding, planned: planned))
        }
    }

    /// A `notional_commitment` of `amount` (sign −1: a change undone), possibly naming a line.
    public mutating func commit(_ commitment: String, line: String?, amount: Money) throws(ProjectionError) {
        guard let line else { return }
        commitmentLines[commitment] = line
        try changeCommitted(line: line, by: amount)
    }

    /// A change of `delta` to a commitment's open amount (a payment against it, a release, or
    /// the reversal of such a payment).
    public mutating func changeOpenAmount(of commitment: String, by delta: Money) throws(ProjectionError) {
        guard let line = commitmentLines[commitment] else { return }
        try changeCommitted(line: line, by: delta)
    }

    /// A payment (`sign` 1) or its reversal (−1). A payment against a commitment belongs to the
    /// commitment's line; its commitment's open amount is changed by `changeOpenAmount`.
    public mutating func pay(pot: Pot, category: String, amount: Money, line: String?, commitment: String?,
                             sign: Int64) throws(ProjectionError) {
        let delta = try Self.signed(amount, sign)
        // A view may leave out the line a payment names (dated after it): it then belongs to none.
        if let line = line ?? commitment.flatMap({ commitmentLines[$0] }), let index = lineIndex[line] {
            guard let spent = lines[index].spent.adding(delta) else { throw .overflow }
            lines[index].spent = spent
            return
        }
        var tally = unlinedPayments[pot, default: [:]][category, default: PaymentTally()]
        guard let sum = tally.amount.adding(delta) else { throw .overflow }
        tally.count += sign
        tally.amount = sum
        unlinedPayments[pot, default: [:]][category] = tally
    }

    /// A `schedule_set`: starts the schedule or a new segment of it.
    public mutating func setSchedule(name: String, kind: ScheduleKind, organisation: String?, segment: Schedule.Segment) {
        if schedules[name] != nil {
            schedules[name]!.amend(with: segment)
        } else {
            schedules[name] = Schedule(name: name, kind: kind, organisation: organisation, first: segment)
        }
    }

    /// A `schedule_ended`; the rules have checked the schedule exists (a view may not hold it).
    public mutating func endSchedule(name: String, last: CalendarDate) {
        schedules[name]?.endedLast = last
    }

    public mutating func review(_ record: ReviewRecord) { reviews.append(record) }

    public mutating func request(_ request: RepaymentRequest) { requests[request.name] = request }

    /// A recovery naming the request (`sign` 1) or its reversal (−1).
    public mutating func recover(repayment: String, amount: Money, sign: Int64) throws(ProjectionError) {
        guard requests[repayment] != nil else { return }
        guard let recovered = requests[repayment]!.recovered.adding(try Self.signed(amount, sign)) else { throw .overflow }
        requests[repayment]!.recovered = recovered
    }

    /// A `repayment_waived` of `amount`: the amount given, or what was outstanding when it was posted.
    public mutating func waive(repayment: String, amount: Money) throws(ProjectionError) {
        guard requests[repayment] != nil else { return }
        guard let waived = requests[repayment]!.waived.adding(amount) else { throw .overflow }
        requests[repayment]!.waived = waived
    }

    private mutating func changeCommitted(line: String, by delta: Money) throws(ProjectionError) {
        guard let index = lineIndex[line] else { return }
        guard let committed = lines[index].committed.adding(delta) else { throw .overflow }
        lines[index].committed = committed
    }

    private static func signed(_ amount: Money, _ sign: Int64) throws(ProjectionError) -> Money {
        let (pence, overflow) = amount.pence.multipliedReportingOverflow(by: sign)
        guard !overflow else { throw .overflow }
        return Money(pence: pence)
    }
}
