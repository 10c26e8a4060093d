/// The rules of each event kind, one exhaustive switch per question and no `default:`, so that
/// a new kind does not compile until every question is answered for it. The compiler then also
/// asks for it in each switch over `EventBody` that reads a kind's own fields:
/// `EventSchema.declaredOwnFields` (its fields and their rules), `Event.init(kind:values:)`,
/// `EventEncoder.writeFields` (canonical bytes), `EventBody.amount`, `Movement.init?(_:)`,
/// `Projector.project`, `BudgetState.pot(for:)`, `CanonicalMovementReader.read` and the checks
/// of `PostingRules` (category, references, funds).
extension EventKind {
    /// Allocations, commitments, releases, transfers, payments and recoveries: the kinds a
    /// `Movement` describes.
    public var movesMoney: Bool {
        switch self {
        case .allocation, .notionalCommitment, .commitmentRelease, .thirdPartyTransfer, .directPaymentTransfer, .payment, .recovery:
            return true
        case .budgetOpened, .reconciliation, .reversal, .budgetClosed:
            return false
        // SPEC 9: the care plan and its follow-up move no money.
        case .planLine, .scheduleSet, .scheduleEnded, .review, .repaymentRequested, .repaymentWaived:
            return false
        }
    }

    /// SPEC 2: a reversal exactly undoes only these.
    public var isReversible: Bool {
        switch self {
        case .allocation, .thirdPartyTransfer, .directPaymentTransfer, .payment, .recovery:
            return true
        case .budgetOpened, .notionalCommitment, .commitmentRelease, .reconciliation, .reversal, .budgetClosed:
            return false
        // SPEC 9: a later event corrects an earlier one.
        case .planLine, .scheduleSet, .scheduleEnded, .review, .repaymentRequested, .repaymentWaived:
            return false
        }
    }

    /// SPEC 4.2: what a closed budget does with an event of this kind.
    public enum AfterClosing: Sendable {
        case accepted
        case rejected
        /// A reversal passes only when it undoes a payment or a recovery of the budget.
        case acceptedWhenReversingPaymentOrRecovery
    }

    public var afterClosing: AfterClosing {
        switch self {
        // A release after closing frees a commitment that a reversed payment reopened.
        case .reconciliation, .recovery, .commitmentRelease: return .accepted
        case .reversal: return .acceptedWhenReversingPaymentOrRecovery
        // SPEC 9: a closed budget is still reviewed, asked to repay, and its schedules ended.
        case .review, .repaymentRequested, .repaymentWaived, .scheduleEnded: return .accepted
        case .budgetOpened, .allocation, .notionalCommitment, .thirdPartyTransfer, .directPaymentTransfer, .payment, .budgetClosed,
             .planLine, .scheduleSet:
            return .rejected
        }
    }

    /// SPEC 2: how an event of this kind finds the pot it acts on.
    public enum PotRule: Sendable {
        /// It acts on no pot (or, a reversal, on its target's).
        case none
        /// Its `pot`, else the single pot of a single-model budget; any of the three.
        case named
        /// Its `pot`, else the single pot; a third_party or direct_payment pot only.
        case namedHolder
        /// The pot its type (or, a payment, its commitment) implies.
        case implied
    }

    public var potRule: PotRule {
        switch self {
        case .budgetOpened, .reversal, .budgetClosed, .scheduleEnded, .review, .repaymentWaived: return .none
        case .allocation, .payment, .planLine: return .named
        case .recovery, .reconciliation, .repaymentRequested: return .namedHolder
        // A schedule's pot is the one its `kind` implies.
        case .notionalCommitment, .commitmentRelease, .thirdPartyTransfer, .directPaymentTransfer, .scheduleSet: return .implied
        }
    }
}
