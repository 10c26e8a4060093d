/// The eleven event types of SPEC 2 and the six of SPEC 9.
public enum EventKind: String, CaseIterable, Sendable {
    case budgetOpened = "budget_opened"
    case allocation
    case notionalCommitment = "notional_commitment"
    case commitmentRelease = "commitment_release"
    case thirdPartyTransfer = "third_party_transfer"
    case directPaymentTransfer = "direct_payment_transfer"
    case payment
    case recovery
    case reconciliation
    case reversal
    case budgetClosed = "budget_closed"
    case planLine = "plan_line"
    case scheduleSet = "schedule_set"
    case scheduleEnded = "schedule_ended"
    case review
    case repaymentRequested = "repayment_requested"
    case repaymentWaived = "repayment_waived"

    /// The position in `allCases`, for tables indexed by kind.
    var ordinal: Int {
        switch self {
        case .budgetOpened: return 0
        case .allocation: return 1
        case .notionalCommitment: return 2
        case .commitmentRelease: return 3
        case .thirdPartyTransfer: return 4
        case .directPaymentTransfer: return 5
        case .payment: return 6
        case .recovery: return 7
        case .reconciliation: return 8
        case .reversal: return 9
        case .budgetClosed: return 10
        case .planLine: return 11
        case .scheduleSet: return 12
        case .scheduleEnded: return 13
        case .review: return 14
        case .repaymentRequested: return 15
        case .repaymentWaived: return 16
        }
    }

}

/// A part of a budget, named after the holding model it follows.
public enum Pot: String, CaseIterable, Sendable {
    case notional
    case thirdParty = "third_party"
    case directPayment = "direct_payment"

    /// Third-party and direct-payment money leaves the commissioner and sits with a holder.
    public var isHeldElsewhere: Bool { self != .notional }
}

public enum HoldingModel: String, CaseIterable, Sendable {
    case notional
    case thirdParty = "third_party"
    case directPayment = "direct_payment"
    case mixed

    /// The single pot of a non-mixed budget.
    public var singlePot: Pot? {
        switch self {
        case .notional: return .notional
        case .thirdParty: return .thirdParty
        case .directPayment: return .directPayment
        case .mixed: return nil
        }
    }
}

public enum AllocationDirection: String, CaseIterable, Sendable {
    case increase
    case decrease
}
