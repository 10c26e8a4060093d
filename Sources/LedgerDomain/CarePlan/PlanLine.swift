/// One line of a budget's care plan (SPEC 9 `plan_line`) as it stands after its latest `plan_line`.
public struct PlanLine: Equatable, Sendable {
    public let name: String
    /// Fixed by the first `plan_line` of the name: a later one may not move it.
    public let pot: Pot
    public var category: String
    public var funding: Funding
    /// Zero when the line is ended.
    public var planned: Money

    public init(name: String, pot: Pot, category: String, funding: Funding, planned: Money) {
        self.name = name
        self.pot = pot
        self.category = category
        self.funding = funding
        self.planned = planned
    }

    public var isEnded: Bool { planned == .zero }
}

/// A count and a sum of payments.
public struct PaymentTally: Equatable, Sendable {
    public var count: Int64 = 0
    public var amount = Money.zero

    public init(count: Int64 = 0, amount: Money = .zero) {
        self.count = count
        self.amount = amount
    }
}
