/// The projection of one budget: what `balance` reports and what the rules check against.
public struct BudgetState: Equatable, Sendable {
    public let budget: String
    public let opening: BudgetOpening
    /// The `date` of the budget's `budget_opened` event: no later event may be dated before it
    /// (SPEC 4.4, `date_before_opening`).
    public let openedOn: CalendarDate
    public var isClosed = false
    /// The number of the budget's events applied (SPEC 5 `version`).
    public var version: UInt64 = 0
    /// In the order `budget_opened` listed them.
    public var pots: [PotBalances]
    /// Open amount of every commitment ever made, by commitment id (ids stay taken once paid).
    public var commitments: [String: Money] = [:]
    /// SPEC 9: the care plan, schedules, reviews and repayment requests.
    public var carePlan = CarePlanState()

    public init(budget: String, openedOn: CalendarDate, opening: BudgetOpening) {
        self.budget = budget
        self.opening = opening
        self.openedOn = openedOn
        self.pots = opening.effectivePots.map(PotBalances.init(pot:))
    }

    /// How many `commitments` are open (amount > 0), kept up to date by `setCommitment` so that a
    /// balance read need not read the commitments.
    public private(set) var openCommitmentCount = 0

    /// Sets a commitment's open amount, counting it in or out of `openCommitmentCount`.
    mutating func setCommitment(_ commitment: String, open: Money) {
        let wasOpen = (commitments[commitment]?.pence ?? 0) > 0
        commitments[commitment] = open
        openCommitmentCount += (open.pence > 0 ? 1 : 0) - (wasOpen ? 1 : 0)
    }

    /// Sets `openCommitmentCount` as stored with a projection read back without its commitments
    /// (a balance read), or with them (then it equals their count of open ones).
    public mutating func restoreOpenCommitmentCount(_ count: Int) { openCommitmentCount = count }

    public func index(of pot: Pot) -> Int? { pots.firstIndex(where: { $0.pot == pot }) }

    public func balances(of pot: Pot) -> PotBalances? { index(of: pot).map { pots[$0] } }

    /// The pot an event acts on (SPEC 2), before checking that the budget has it: the named pot,
    /// the pot its type implies, or the single pot of a single-model budget. Nil when a mixed
    /// budget's event omits a pot it needs.
    public func pot(for body: EventBody) -> Pot? {
        switch body {
        case .reconciliation(let pot, _, _, _, _): return pot ?? opening.holdingModel.singlePot
        case .planLine(let entry): return entry.pot ?? opening.holdingModel.singlePot
        case .repaymentRequested(let entry): return entry.pot ?? opening.holdingModel.singlePot
        case .scheduleSet(let setting): return setting.kind.pot
        case .budgetOpened, .reversal, .budgetClosed, .scheduleEnded, .review, .repaymentWaived: return nil
        case .allocation, .notionalCommitment, .commitmentRelease, .thirdPartyTransfer, .directPaymentTransfer, .payment, .recovery:
            guard let movement = Movement(body) else { preconditionFailure("a \(body.kind.rawValue) moves money") }
            return pot(for: movement)  // not `flatMap(pot(for:))`, which would capture a copy of self
        }
    }

    /// The pot a movement acts on: the one it names or implies, else the budget's single pot.
    public func pot(for movement: Movement) -> Pot? { movement.pot ?? opening.holdingModel.singlePot }
}
