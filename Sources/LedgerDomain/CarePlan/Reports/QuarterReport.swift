/// `report --quarter YYYY-Qn` (SPEC 9): the budgets in place at the quarter's end by holding
/// model and cohort, the budgets opened in it, and the money each pot moved in it.
public struct QuarterReport: Equatable, Sendable {
    /// What the report needs of one budget, from the whole ledger.
    public struct BudgetFacts: Equatable, Sendable {
        public let holdingModel: HoldingModel
        /// Nil when `budget_opened` named none (`unspecified`).
        public let cohort: String?
        public let openedOn: CalendarDate
        /// Closed by a `budget_closed` dated before the quarter's last day.
        public let isClosedBeforeEnd: Bool

        public init(holdingModel: HoldingModel, cohort: String?, openedOn: CalendarDate, isClosedBeforeEnd: Bool) {
            self.holdingModel = holdingModel
            self.cohort = cohort
            self.openedOn = openedOn
            self.isClosedBeforeEnd = isClosedBeforeEnd
        }
    }

    /// A pot's figures summed over every budget in one as-of-date view.
    public struct PotMoney: Equatable, Sendable {
        public var allocated = Money.zero
        public var spent = Money.zero
        public var recovered = Money.zero

        public init(allocated: Money = .zero, spent: Money = .zero, recovered: Money = .zero) {
            self.allocated = allocated
            self.spent = spent
            self.recovered = recovered
        }
    }

    public static let unspecifiedCohort = "unspecified"

    public let quarter: FinancialQuarter
    public let total: Int
    /// All four models, in SPEC 2's order.
    public let byHoldingModel: [(model: HoldingModel, count: Int)]
    /// The cohorts present, by name in byte order.
    public let byCohort: [(cohort: String, count: Int)]
    public let newBudgets: Int
    /// All three pots in SPEC 2's order: the view at `to` less the view at the day before `from`.
    public let money: [(pot: Pot, money: PotMoney)]

    public static func == (left: QuarterReport, right: QuarterReport) -> Bool { left.json == right.json }

    /// Nil if a difference would not fit in 64-bit pence.
    public init?(quarter: FinancialQuarter, budgets: [BudgetFacts], atEnd: [Pot: PotMoney], beforeStart: [Pot: PotMoney]) {
        let (from, to) = (quarter.from, quarter.to)
        var models: [HoldingModel: Int] = [:]
        var cohorts: [String: Int] = [:]
        var total = 0
        var opened = 0
        for budget in budgets {
            if budget.openedOn >= from && budget.openedOn <= to { opened += 1 }
            // In place: opened by `to` and not closed before it.
            guard budget.openedOn <= to, !budget.isClosedBeforeEnd else { continue }
            total += 1
            models[budget.holdingModel, default: 0] += 1
            cohorts[budget.cohort ?? Self.unspecifiedCohort, default: 0] += 1
        }
        var money: [(pot: Pot, money: PotMoney)] = []
        for pot in Pot.allCases {
            let end = atEnd[pot] ?? PotMoney()
            let start = beforeStart[pot] ?? PotMoney()
            guard let allocated = end.allocated.subtracting(start.allocated),
                  let spent = end.spent.subtracting(start.spent),
                  let recovered = end.recovered.subtracting(start.recovered) else { return nil }
            money.append((pot, PotMoney(allocated: allocated, spent: spent, recovered: recovered)))
        }
        self.quarter = quarter
        self.total = total
        byHoldingModel = HoldingModel.allCases.map { ($0, models[$0] ?? 0) }
        byCohort = cohorts.sorted { String.precedesInBytes($0.key, $1.key) }.map { ($0.key, $0.value) }
        newBudgets = opened
        self.money = money
    }

    /// `report --quarter --json`: one object and a newline.
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("quarter", quarter.description)
        writer.field("from", quarter.from)
        writer.field("to", quarter.to)
        writer.key("budgets")
        writer.beginObject()
        writer.field("total", total)
        writer.key("by_holding_model")
        writer.beginObject()
        for (model, count) in byHoldingModel { writer.field(model.rawValue, count) }
        writer.endObject()
        writer.key("by_cohort")
        writer.beginObject()
        for (cohort, count) in byCohort { writer.field(cohort, count) }
        writer.endObject()
        writer.endObject()
        writer.field("new_budgets", newBudgets)
        writer.key("money")
        writer.beginObject()
        for (pot, figures) in money {
            writer.key(pot.rawValue)
            writer.beginObject()
            writer.field("allocated", figures.allocated)
            writer.field("spent", figures.spent)
            writer.field("recovered", figures.recovered)
            writer.endObject()
        }
        writer.endObject()
        writer.endObject()
        return writer.bytes + [UInt8(ascii: "\n")]
    }
}
