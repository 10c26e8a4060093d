/// One validated event as posted: the common fields of SPEC 2 and the type's own fields.
/// Optional fields stay optional (absent is kept distinct from a default) so that the event
/// can be written back exactly as it was posted.
public struct Event: Equatable, Sendable {
    public var id: String
    public var budget: String
    public var date: CalendarDate
    public var actor: String?
    public var note: String?
    public var body: EventBody

    public init(id: String, budget: String, date: CalendarDate, actor: String? = nil, note: String? = nil, body: EventBody) {
        self.id = id
        self.budget = budget
        self.date = date
        self.actor = actor
        self.note = note
        self.body = body
    }

    public var kind: EventKind { body.kind }
}

public enum EventBody: Equatable, Sendable {
    case budgetOpened(BudgetOpening)
    case allocation(pot: Pot?, amount: Money, direction: AllocationDirection?)
    /// `line`: SPEC 9's optional plan line.
    case notionalCommitment(commitment: String, provider: String, category: String, amount: Money, line: String? = nil)
    case commitmentRelease(commitment: String, amount: Money?)
    case thirdPartyTransfer(organisation: String, amount: Money)
    case directPaymentTransfer(amount: Money)
    case payment(Payment)
    /// `repayment`: SPEC 9's optional request the recovery settles.
    case recovery(pot: Pot?, amount: Money, reason: String, repayment: String? = nil)
    /// `matched` (SPEC 7.2): the ids of the pot's movements the statement showed, in line order.
    case reconciliation(pot: Pot?, periodEnd: CalendarDate, statementBalance: Money, periodStart: CalendarDate?,
                        matched: [String]? = nil)
    case reversal(reverses: String, reason: String)
    case budgetClosed
    case planLine(PlanLineEntry)
    case scheduleSet(ScheduleSetting)
    case scheduleEnded(schedule: String, last: CalendarDate)
    /// `nextReview` is nil exactly for a `stop`.
    case review(outcome: ReviewOutcome, nextReview: CalendarDate?)
    case repaymentRequested(RepaymentRequestEntry)
    /// `amount` nil: all that is outstanding when it is posted.
    case repaymentWaived(repayment: String, amount: Money?, reason: String)

    public var kind: EventKind {
        switch self {
        case .budgetOpened: return .budgetOpened
        case .allocation: return .allocation
        case .notionalCommitment: return .notionalCommitment
        case .commitmentRelease: return .commitmentRelease
        case .thirdPartyTransfer: return .thirdPartyTransfer
        case .directPaymentTransfer: return .directPaymentTransfer
        case .payment: return .payment
        case .recovery: return .recovery
        case .reconciliation: return .reconciliation
        case .reversal: return .reversal
        case .budgetClosed: return .budgetClosed
        case .planLine: return .planLine
        case .scheduleSet: return .scheduleSet
        case .scheduleEnded: return .scheduleEnded
        case .review: return .review
        case .repaymentRequested: return .repaymentRequested
        case .repaymentWaived: return .repaymentWaived
        }
    }

    /// The money the event moves, if it moves any.
    public var amount: Money? {
        switch self {
        case .allocation(_, let amount, _), .notionalCommitment(_, _, _, let amount, _),
             .thirdPartyTransfer(_, let amount), .directPaymentTransfer(let amount),
             .recovery(_, let amount, _, _):
            return amount
        case .payment(let payment): return payment.amount
        case .commitmentRelease(_, let amount): return amount
        case .reconciliation, .reversal, .budgetOpened, .budgetClosed,
             .planLine, .scheduleSet, .scheduleEnded, .review, .repaymentRequested, .repaymentWaived: return nil
        }
    }
}

public struct BudgetOpening: Equatable, Sendable {
    public var person: String
    public var holdingModel: HoldingModel
    public var pots: [Pot]?
    public var periodStart: CalendarDate
    public var periodEnd: CalendarDate
    /// SPEC 9: an optional snake_case word grouping budgets in `report --quarter`.
    public var cohort: String?

    public init(person: String, holdingModel: HoldingModel, pots: [Pot]?, periodStart: CalendarDate, periodEnd: CalendarDate,
                cohort: String? = nil) {
        self.person = person
        self.holdingModel = holdingModel
        self.pots = pots
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.cohort = cohort
    }

    /// The budget's pots in the order `budget_opened` listed them.
    public var effectivePots: [Pot] { pots ?? holdingModel.singlePot.map { [$0] } ?? [] }
}

public struct Payment: Equatable, Sendable {
    public var pot: Pot?
    public var payee: String
    public var category: String
    public var amount: Money
    public var commitment: String?
    public var reference: String?
    /// SPEC 9: the plan line the payment is made under.
    public var line: String?

    public init(pot: Pot?, payee: String, category: String, amount: Money, commitment: String? = nil, reference: String? = nil,
                line: String? = nil) {
        self.pot = pot
        self.payee = payee
        self.category = category
        self.amount = amount
        self.commitment = commitment
        self.reference = reference
        self.line = line
    }
}
