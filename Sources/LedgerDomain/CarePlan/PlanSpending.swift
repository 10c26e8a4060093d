/// The money put against a budget's plan lines (SPEC 9 `plan`), folded from its events in a
/// view: open commitments and payments per line, and the payments that belong to no line.
public struct PlanSpending: Equatable, Sendable {
    /// Open amount of the commitments naming each line.
    public private(set) var committed: [String: Money] = [:]
    /// Payments (not reversed) naming each line directly or through their commitment.
    public private(set) var spent: [String: Money] = [:]
    /// Payments (not reversed) that belong to no line of the view, by pot and category: `plan`
    /// sorts them against the lines' categories as they stand when it is asked.
    public private(set) var unlined: [Pot: [String: PaymentTally]] = [:]
    /// The line of each commitment that names one present in the view.
    private var commitmentLines: [String: String] = [:]

    public init() {}

    /// A commitment of `amount` naming `line` (nil, or a line the view does not hold: none).
    public mutating func commit(_ commitment: String, line: String?, amount: Money, in plan: CarePlanState) throws(ProjectionError) {
        guard let line, plan.line(named: line) != nil else { return }
        commitmentLines[commitment] = line
        try Self.add(amount, to: &committed, line)
    }

    /// A change of `delta` to a commitment's open amount: a payment against it (−), a release
    /// (−), or the reversal of such a payment (+).
    public mutating func changeOpenAmount(of commitment: String, by delta: Money) throws(ProjectionError) {
        guard let line = commitmentLines[commitment] else { return }
        try Self.add(delta, to: &committed, line)
    }

    /// A payment (`sign` 1) or its reversal (−1): to its own line, else its commitment's line,
    /// else to the tally of payments of no line.
    public mutating func pay(pot: Pot, category: String, amount: Money, line: String?, commitment: String?,
                             sign: Int64, in plan: CarePlanState) throws(ProjectionError) {
        let (pence, overflow) = amount.pence.multipliedReportingOverflow(by: sign)
        guard !overflow else { throw .overflow }
        let delta = Money(pence: pence)
        if let line = line ?? commitment.flatMap({ commitmentLines[$0] }), plan.line(named: line) != nil {
            return try Self.add(delta, to: &spent, line)
        }
        var tally = unlined[pot, default: [:]][category, default: PaymentTally()]
        guard let sum = tally.amount.adding(delta) else { throw .overflow }
        tally.count += sign
        tally.amount = sum
        unlined[pot, default: [:]][category] = tally
    }

    private static func add(_ delta: Money, to sums: inout [String: Money], _ line: String) throws(ProjectionError) {
        guard let sum = (sums[line] ?? .zero).adding(delta) else { throw .overflow }
        sums[line] = sum
    }
}
