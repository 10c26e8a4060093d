/// The projection of one budget: what `balance` reports and what the rules check against.
public struct BudgetState: Equatable, Sendable {
    public let budget: String
    public let opening: BudgetOpening
    public var isClosed = false
    /// The number of the budget's events applied (SPEC 5 `version`).
    public var version: UInt64 = 0
    /// In the order `budget_opened` listed them.
    public var pots: [PotBalances]
    /// Open amount of every commitment ever made, by commitment id (ids stay taken once paid).
    public var commitments: [String: Money] = [:]

    public init(budget: String, opening: BudgetOpening) {
        self.budget = budget
        self.opening = opening
        self.pots = opening.effectivePots.map(PotBalances.init(pot:))
    }

    /// Whether the budget totals of SPEC 3 (sums over the pots) fit 64-bit pence. The projector
    /// refuses any movement after which they would not, so reports can add the pots up freely.
    public var totalsFit: Bool {
        var sums = (allocated: Money.zero, committed: Money.zero, spent: Money.zero, recovered: Money.zero, remaining: Money.zero)
        for pot in pots {
            guard let allocated = sums.allocated.adding(pot.allocated), let committed = sums.committed.adding(pot.committed),
                  let spent = sums.spent.adding(pot.spent), let recovered = sums.recovered.adding(pot.recovered),
                  let remaining = sums.remaining.adding(pot.remaining) else { return false }
            sums = (allocated, committed, spent, recovered, remaining)
        }
        return true
    }

    public var openCommitmentCount: Int { commitments.values.reduce(0) { $0 + ($1.pence > 0 ? 1 : 0) } }

    public func index(of pot: Pot) -> Int? { pots.firstIndex(where: { $0.pot == pot }) }

    public func balances(of pot: Pot) -> PotBalances? { index(of: pot).map { pots[$0] } }

    /// The pot an event acts on (SPEC 2), before checking that the budget has it: the named pot,
    /// the pot its type implies, or the single pot of a single-model budget. Nil when a mixed
    /// budget's event omits a pot it needs.
    public func pot(for body: EventBody) -> Pot? {
        switch body {
        case .notionalCommitment, .commitmentRelease: return .notional
        case .thirdPartyTransfer: return .thirdParty
        case .directPaymentTransfer: return .directPayment
        case .allocation(let pot, _, _), .recovery(let pot, _, _), .reconciliation(let pot, _, _, _):
            return pot ?? opening.holdingModel.singlePot
        case .payment(let payment):
            return payment.pot ?? (payment.commitment != nil ? .notional : opening.holdingModel.singlePot)
        case .budgetOpened, .reversal, .budgetClosed:
            return nil
        }
    }
}
