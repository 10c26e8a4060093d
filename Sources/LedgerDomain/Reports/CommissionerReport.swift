/// The commissioner's report for a period (issue 4): the budgets open in it by holding model,
/// the money by pot, open commitments, and the pots a finance team should look at: payments
/// left unreconciled too long, and money held beyond the surplus threshold.
///
/// It is computed from two as-of-date views (SPEC 3): the books at the end of `to`, and at the
/// end of the day before `from`. Stocks (allocated, held, open commitments) are read at `to`;
/// flows (spent, recovered) are the difference between the two, so they count what is dated
/// in the period, reversals included where they are dated.
public struct CommissionerReport: Sendable {
    /// Payments dated more than this many days before `to`, and after the pot's latest
    /// reconciled `period_end`, are reported as overdue for reconciliation.
    public static let unreconciledAgeDaysMax: Int32 = 90

    /// One pot of one budget open in the period: a row of `report --csv`.
    public struct PotLine: Sendable {
        public let budget: String
        public let holdingModel: HoldingModel
        public let pot: Pot
        public let allocated: Money
        public let spent: Money
        public let recovered: Money
        public let held: Money
        /// Notional pots: commitments with money still open at `to`.
        public let openCommitments: (count: Int, amount: Money)
        /// Held-elsewhere pots: unreconciled payments older than `unreconciledAgeDaysMax`.
        public let overdue: (count: Int64, amount: Money, oldest: CalendarDate?)
        public let surplus: Money
    }

    /// SPEC 7.2: a held-elsewhere pot's outstanding items (recorded, on no statement) dated more
    /// than `unreconciledAgeDaysMax` days before `to`: uncashed cheques, payments never taken.
    public struct OutstandingLine: Sendable {
        public let budget: String
        public let pot: Pot
        public let count: Int
        public let amount: Money
        public let oldest: CalendarDate?
    }

    /// Sums over the pots of one kind.
    public struct PotTotals: Equatable, Sendable {
        public let pot: Pot
        public var pots = 0
        public var allocated = Money.zero
        public var spent = Money.zero
        public var recovered = Money.zero
        public var held = Money.zero
    }

    public let from: CalendarDate
    public let to: CalendarDate
    public let surplusWeeks: Int
    /// In SPEC 2's order of holding models; every model is listed, zero included.
    public let budgetsByModel: [(model: HoldingModel, count: Int)]
    /// In SPEC 2's order of pots.
    public let potTotals: [PotTotals]
    /// By budget id, then in the order `budget_opened` listed the pots.
    public let lines: [PotLine]
    /// Pots with outstanding items over 90 days old, in the order of `lines`.
    public let outstanding: [OutstandingLine]

    /// - Parameters:
    ///   - atEnd: every budget as of `to` (view `--as-of-date TO`: opened by then), ordered by budget id.
    ///   - beforeStart: every budget as of the day before `from`.
    ///   - outstandingItems: per budget id, each held-elsewhere pot's outstanding items
    ///     (`PotHistory.outstanding`); the ones dated after `overdueThrough` are left out here.
    public init(atEnd: [BudgetState], beforeStart: [BudgetState], from: CalendarDate, to: CalendarDate, surplusWeeks: Int,
                outstandingItems: [String: [Pot: [PotMovement]]] = [:]) {
        precondition(from <= to, "the command checks the period")
        let earlier = Dictionary(beforeStart.map { ($0.budget, $0) }, uniquingKeysWith: { first, _ in first })
        // Open in the period (SPEC 6.2 `status`): opened by its end, not closed before its start.
        // A budget past its plan's period_end but not closed is still open: its year-end
        // payments, recoveries and reconciliations belong in the report.
        let open = atEnd.filter { earlier[$0.budget]?.isClosed != true }
        self.from = from
        self.to = to
        self.surplusWeeks = surplusWeeks
        budgetsByModel = HoldingModel.allCases.map { model in (model, open.filter { $0.opening.holdingModel == model }.count) }
        let overdueBefore = to.adding(days: -CommissionerReport.unreconciledAgeDaysMax)
        let lines = open.flatMap { state in
            state.pots.map { pot in
                let before = earlier[state.budget]?.balances(of: pot.pot)
                return PotLine(
                    budget: state.budget, holdingModel: state.opening.holdingModel, pot: pot.pot, allocated: pot.allocated,
                    spent: Money(pence: pot.spent.pence - (before?.spent.pence ?? 0)),
                    recovered: Money(pence: pot.recovered.pence - (before?.recovered.pence ?? 0)),
                    held: pot.pot.isHeldElsewhere ? pot.held : .zero,
                    openCommitments: pot.pot == .notional ? CommissionerReport.openCommitments(of: state) : (0, .zero),
                    overdue: pot.pot.isHeldElsewhere ? CommissionerReport.unreconciled(pot, datedBefore: overdueBefore) : (0, .zero, nil),
                    surplus: pot.pot.isHeldElsewhere ? Surplus.amount(of: pot, opening: state.opening, weeks: surplusWeeks) : .zero)
            }
        }
        self.lines = lines
        let oldEnough = to.adding(days: -CommissionerReport.unreconciledAgeDaysMax - 1)
        outstanding = lines.compactMap { line in
            let items = (outstandingItems[line.budget]?[line.pot] ?? []).filter { $0.date <= oldEnough }
            guard !items.isEmpty else { return nil }
            return OutstandingLine(budget: line.budget, pot: line.pot, count: items.count,
                                   amount: Money(pence: items.reduce(0) { $0 + $1.amount.pence }), oldest: items.map(\.date).min())
        }
        potTotals = Pot.allCases.map { kind in
            lines.filter { $0.pot == kind }.reduce(into: PotTotals(pot: kind)) { totals, line in
                totals.pots += 1
                totals.allocated = Money(pence: totals.allocated.pence + line.allocated.pence)
                totals.spent = Money(pence: totals.spent.pence + line.spent.pence)
                totals.recovered = Money(pence: totals.recovered.pence + line.recovered.pence)
                totals.held = Money(pence: totals.held.pence + line.held.pence)
            }
        }
    }

    public var openCommitments: (count: Int, amount: Money) {
        lines.reduce((0, Money.zero)) { ($0.0 + $1.openCommitments.count, Money(pence: $0.1.pence + $1.openCommitments.amount.pence)) }
    }

    public var overdueLines: [PotLine] { lines.filter { $0.overdue.count > 0 } }

    public var surplusLines: [PotLine] { lines.filter { $0.surplus > .zero } }

    /// The last day a payment may be dated and still count as overdue.
    public var overdueThrough: CalendarDate { to.adding(days: -CommissionerReport.unreconciledAgeDaysMax - 1) }

    private static func openCommitments(of state: BudgetState) -> (count: Int, amount: Money) {
        let open = state.commitments.values.filter { $0.pence > 0 }
        return (open.count, Money(pence: open.reduce(0) { $0 + $1.pence }))
    }

    /// Unreconciled payments (SPEC 3: after the latest reconciled `period_end`) dated before
    /// `date`; the budgets list of the web pages marks the same pots as needing attention.
    public static func unreconciled(_ pot: PotBalances, datedBefore date: CalendarDate) -> (count: Int64, amount: Money, oldest: CalendarDate?) {
        let after = pot.lastReconciliation?.periodEnd
        let entries = pot.payments.entries.filter { entry in
            entry.count > 0 && entry.date < date && after.map { entry.date > $0 } ?? true
        }
        return (entries.reduce(0) { $0 + $1.count }, Money(pence: entries.reduce(0) { $0 + $1.amount.pence }), entries.first?.date)
    }
}
