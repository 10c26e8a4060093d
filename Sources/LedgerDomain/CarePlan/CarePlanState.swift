/// The section 9 part of a budget's projection: its care plan, schedules, reviews and repayment
/// requests: what the posting rules check against and what `due`, `reviews` and `repayments`
/// report, over any view (SPEC 3). The money put against each plan line is not kept here (so
/// that replay's fast path over payments stays fast): `PlanSpending` folds it for `plan`.
///
/// Changes take plain values rather than events so that the same code serves posting, replay
/// and views. Sums are checked: a change that would overflow throws and leaves the state as it was.
public struct CarePlanState: Equatable, Sendable {
    /// In the order the lines were first posted.
    public private(set) var lines: [PlanLine] = []
    private var lineIndex: [String: Int] = [:]
    /// The plan line of each commitment that names one: a payment against it belongs to that line.
    public private(set) var commitmentLines: [String: String] = [:]
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

    /// A `notional_commitment` naming `line`.
    public mutating func commit(_ commitment: String, line: String) { commitmentLines[commitment] = line }

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

    private static func signed(_ amount: Money, _ sign: Int64) throws(ProjectionError) -> Money {
        let (pence, overflow) = amount.pence.multipliedReportingOverflow(by: sign)
        guard !overflow else { throw .overflow }
        return Money(pence: pence)
    }
}
