import LedgerDomain

/// Every budget in a view, ordered by budget id in byte order (SPEC 6.2), with each holder
/// pot's surplus when asked for (SPEC 7). The answer of ``LedgerStore/Ledger/balanceSheet(view:surplusWeeks:)``.
public struct BalanceSheet: Equatable, Sendable {
    /// One budget and, when asked for, the surplus of its third-party and direct-payment pots.
    public struct Row: Equatable, Sendable {
        public let state: BudgetState
        /// Each third-party and direct-payment pot's surplus, in the order of `state.pots`;
        /// empty when no surplus was asked for.
        public let surplusByPot: [PotSurplus]
        /// The sum over `surplusByPot`; nil when no surplus was asked for or the budget holds
        /// no money elsewhere (a notional-only budget).
        public let surplusTotal: Money?

        /// The surplus of one pot of this row; nil when none was computed for it.
        public func surplus(of pot: Pot) -> Money? { surplusByPot.first { $0.pot == pot }?.amount }
    }

    /// A pot's money held beyond `weeks` of its funding.
    public struct PotSurplus: Equatable, Sendable {
        public let pot: Pot
        public let amount: Money
    }

    public let rows: [Row]
    /// The weeks of funding a holder may keep; nil when no surplus was asked for.
    public let surplusWeeks: Int?

    /// The budgets, in order.
    public var states: [BudgetState] { rows.map(\.state) }

    /// - Parameters:
    ///   - states: the budgets, in the order to keep.
    ///   - surplusWeeks: when given, the surplus of each holder pot above that many weeks of its
    ///     funding (`Surplus.amount(of:opening:weeks:)`).
    public init(states: [BudgetState], surplusWeeks: Int?) {
        self.surplusWeeks = surplusWeeks
        rows = states.map { state in
            guard let weeks = surplusWeeks else { return Row(state: state, surplusByPot: [], surplusTotal: nil) }
            let byPot = state.pots.filter(\.pot.isHeldElsewhere).map {
                PotSurplus(pot: $0.pot, amount: Surplus.amount(of: $0, opening: state.opening, weeks: weeks))
            }
            // At most two pots, each at most what it holds: the sum fits.
            let total = byPot.isEmpty ? nil : Money(pence: byPot.reduce(0) { $0 + $1.amount.pence })
            return Row(state: state, surplusByPot: byPot, surplusTotal: total)
        }
    }

    /// The rows whose budget `isIncluded` accepts (a viewer's own budgets, say), in order.
    public func filter(_ isIncluded: (BudgetState) throws -> Bool) rethrows -> BalanceSheet {
        BalanceSheet(rows: try rows.filter { try isIncluded($0.state) }, surplusWeeks: surplusWeeks)
    }

    private init(rows: [Row], surplusWeeks: Int?) {
        self.rows = rows
        self.surplusWeeks = surplusWeeks
    }
}
