/// The balances of one pot (SPEC 3). Stored amounts are the movements; `held`, `available` and
/// `remaining` are derived from them so they can never disagree.
public struct PotBalances: Equatable, Sendable {
    public var figures: PotFigures
    /// Changes to `held` by business date, for a reconciliation's `expected` (as-of-date view).
    public var heldChanges = DatedTotals()
    /// Non-reversed payments by business date, for `unreconciled`.
    public var payments = DatedTotals()
    public var lastReconciliation: ReconciliationRecord?

    public init(pot: Pot) { figures = PotFigures(pot: pot) }

    public var pot: Pot { figures.pot }
    public var allocated: Money { get { figures.allocated } set { figures.allocated = newValue } }
    public var committed: Money { get { figures.committed } set { figures.committed = newValue } }
    public var transferred: Money { get { figures.transferred } set { figures.transferred = newValue } }
    public var spent: Money { get { figures.spent } set { figures.spent = newValue } }
    public var recovered: Money { get { figures.recovered } set { figures.recovered = newValue } }
    public var held: Money { figures.held }
    public var available: Money { figures.available }
    public var remaining: Money { figures.remaining }
    public var isNonNegative: Bool { figures.isNonNegative }

    /// Payments dated after the latest reconciliation's `period_end` (all before the first).
    public var unreconciled: (count: Int64, amount: Money) {
        payments.total(after: lastReconciliation?.periodEnd)
    }
}

/// What a `reconciliation` event recorded (SPEC 3).
public struct ReconciliationRecord: Equatable, Sendable {
    public var periodEnd: CalendarDate
    public var expected: Money
    public var statementBalance: Money

    public var variance: Money { Money(pence: statementBalance.pence - expected.pence) }
    public var isBalanced: Bool { variance == .zero }
    public var status: String { isBalanced ? "balanced" : "discrepancy" }

    public init(periodEnd: CalendarDate, expected: Money, statementBalance: Money) {
        self.periodEnd = periodEnd
        self.expected = expected
        self.statementBalance = statementBalance
    }
}
