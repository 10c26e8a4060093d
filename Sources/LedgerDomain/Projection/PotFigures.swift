/// The five amounts a pot keeps (SPEC 3) and the balances derived from them. Kept apart from the
/// pot's dated totals so that posting can work out a pot's figures after an event, and check
/// them, without copying those arrays.
public struct PotFigures: Equatable, Sendable {
    public let pot: Pot
    public var allocated = Money.zero
    public var committed = Money.zero
    public var transferred = Money.zero
    public var spent = Money.zero
    public var recovered = Money.zero

    public init(pot: Pot) { self.pot = pot }

    /// Meaningful for third-party and direct-payment pots only: notional money is never held elsewhere.
    public var held: Money { Money(pence: transferred.pence - spent.pence - recovered.pence) }

    public var available: Money {
        pot == .notional
            ? Money(pence: allocated.pence - committed.pence - spent.pence)
            : Money(pence: allocated.pence - transferred.pence)
    }

    public var remaining: Money { Money(pence: allocated.pence - committed.pence - spent.pence - recovered.pence) }

    /// SPEC 3: every balance ≥ 0 after every accepted event.
    public var isNonNegative: Bool {
        allocated.pence >= 0 && committed.pence >= 0 && transferred.pence >= 0 && spent.pence >= 0
            && recovered.pence >= 0 && (!pot.isHeldElsewhere || held.pence >= 0)
            && available.pence >= 0 && remaining.pence >= 0
    }
}
