/// The balances of one pot (SPEC 3). Stored amounts are the movements; `held`, `available` and
/// `remaining` are derived from them so they can never disagree.
public struct PotBalances: Equatable, Sendable {
    public var figures: PotFigures
    /// Changes to `held` by business date, for a reconciliation's `expected` (as-of-date view).
    public var heldChanges = DatedTotals()
    /// Non-reversed payments by business date, for `unreconciled`.
    public var payments = DatedTotals()
    public var lastReconciliation: ReconciliationRecord?
    /// `unreconciled`, kept up to date by `Projector.apply` as payments and reconciliations
    /// arrive, so that a balance read needs neither the dated payments nor a sum over them.
    public internal(set) var unreconciledCount: Int64 = 0
    public internal(set) var unreconciledAmount = Money.zero

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
    public var unreconciled: (count: Int64, amount: Money) { (unreconciledCount, unreconciledAmount) }

    /// Counts a payment (or, with a negative count, its reversal) dated `date` into `unreconciled`
    /// when it falls after the latest reconciliation.
    mutating func countPayment(count: Int64, amount: Money, on date: CalendarDate) {
        if let periodEnd = lastReconciliation?.periodEnd, date <= periodEnd { return }
        unreconciledCount += count
        // Bounded: the unreconciled payments are a part of `payments`, each a checked sum.
        unreconciledAmount = Money(pence: unreconciledAmount.pence &+ amount.pence)
    }

    /// Records a reconciliation: the payments after its `period_end` are summed once, here.
    mutating func reconcile(_ record: ReconciliationRecord) {
        lastReconciliation = record
        (unreconciledCount, unreconciledAmount) = payments.total(after: record.periodEnd)
    }

    /// Sets `unreconciled` as stored with a projection read back without its dated payments
    /// (a balance read): the figure `Projector.apply` kept when the projection was written.
    public mutating func restoreUnreconciled(count: Int64, amount: Money) {
        unreconciledCount = count
        unreconciledAmount = amount
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
