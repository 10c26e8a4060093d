/// The money an event moves, without the rest of it (payee, category, notes…): all a projection
/// needs of an allocation, commitment, release, transfer, payment or recovery. Replay reads it
/// straight from canonical bytes (`CanonicalMovementReader`) instead of decoding whole events.
public struct Movement: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case allocation(decrease: Bool)
        case notionalCommitment(commitment: String)
        /// With `amount` nil, the commitment's whole open amount.
        case commitmentRelease(commitment: String)
        case transfer
        case payment(commitment: String?)
        case recovery
    }

    public let kind: Kind
    /// The pot the event names or its type implies; nil when a single-model budget's event
    /// leaves it to the budget (`BudgetState.pot(for:)`).
    public let pot: Pot?
    /// Nil only for a release of the whole open amount.
    public let amount: Money?

    /// `named` is the event's `pot` field; for a transfer, the pot its type pays into.
    public init(_ kind: Kind, named: Pot?, amount: Money?) {
        self.kind = kind
        self.amount = amount
        switch kind {
        case .notionalCommitment, .commitmentRelease: pot = .notional
        case .payment(.some): pot = named ?? .notional  // a payment against a commitment is notional
        case .allocation, .transfer, .payment(.none), .recovery: pot = named
        }
    }

    /// Nil for the events that move no money: openings, reconciliations, reversals, closings,
    /// and the care-plan events of SPEC 9.
    public init?(_ body: EventBody) {
        switch body {
        case .allocation(let pot, let amount, let direction):
            self.init(.allocation(decrease: direction == .decrease), named: pot, amount: amount)
        case .notionalCommitment(let commitment, _, _, let amount, _):
            self.init(.notionalCommitment(commitment: commitment), named: nil, amount: amount)
        case .commitmentRelease(let commitment, let amount):
            self.init(.commitmentRelease(commitment: commitment), named: nil, amount: amount)
        case .thirdPartyTransfer(_, let amount):
            self.init(.transfer, named: .thirdParty, amount: amount)
        case .directPaymentTransfer(let amount):
            self.init(.transfer, named: .directPayment, amount: amount)
        case .payment(let payment):
            self.init(.payment(commitment: payment.commitment), named: payment.pot, amount: payment.amount)
        case .recovery(let pot, let amount, _, _):
            self.init(.recovery, named: pot, amount: amount)
        case .budgetOpened, .reconciliation, .reversal, .budgetClosed,
             .planLine, .scheduleSet, .scheduleEnded, .review, .repaymentRequested, .repaymentWaived:
            return nil
        }
    }
}
