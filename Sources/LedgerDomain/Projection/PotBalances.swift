/// The balances of one pot (SPEC 3). Stored amounts are the movements; `held`, `available` and
/// `remaining` are derived from them so they can never disagree.
public struct PotBalances: Equatable, Sendable {
    public let pot: Pot
    public var allocated = Money.zero
    public var committed = Money.zero
    public var transferred = Money.zero
    public var spent = Money.zero
    public var recovered = Money.zero
    /// Changes to `held` by business date, for a reconciliation's `expected` (as-of-date view).
    public var heldChanges = DatedTotals()
    /// Non-reversed payments by business date, for `unreconciled`.
    public var payments = DatedTotals()
    public var lastReconciliation: ReconciliationRecord?

    public init(pot: Pot) { self.pot = pot }

    /// Meaningful for third-party and direct-payment pots only: notional money is never held elsewhere.
    public var held: Money { Money(pence: transferred.pence - spent.pence - recovered.pence) }

    public var available: Money {
        pot == .notional
            ? Money(pence: allocated.pence - committed.pence - spent.pence)
            : Money(pence: allocated.pence - transferred.pence)
    }

    public var remaining: Money { Money(pence: allocated.pence - committed.pence - spent.pence - recovered.pence) }

    /// Payments dated after the latest reconciliation's `period_end` (all before the first).
    public var unreconciled: (count: Int64, amount: Money) {
        payments.total(after: lastReconciliation?.periodEnd)
    }

    /// SPEC 3: every balance ≥ 0 after every accepted event.
    public var isNonNegative: Bool {
        allocated.pence >= 0 && committed.pence >= 0 && transferred.pence >= 0 && spent.pence >= 0
            && recovered.pence >= 0 && (!pot.isHeldElsewhere || held.pence >= 0)
            && available.pence >= 0 && remaining.pence >= 0
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
