/// `plan BUDGET` (SPEC 9): each plan line with the money against it, then the payments that
/// belong to no line, sorted against the lines' categories, and the totals.
public struct PlanReport: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public let line: String
        public let pot: Pot
        public let category: String
        public let funding: Funding
        public let planned: Money
        public let committed: Money
        public let spent: Money
        public let left: Money
    }

    /// In the order the lines were first posted, ended lines included.
    public let rows: [Row]
    /// Payments of no line whose category is the category of a line of their pot.
    public let unattributed: PaymentTally
    /// Payments of no line whose category is no line's of their pot.
    public let outsidePlan: PaymentTally
    public let planned: Money
    public let allocated: Money

    /// Nil if a sum would not fit in 64-bit pence.
    public init?(_ budget: CarePlanBudget, spending: PlanSpending) {
        let plan = budget.carePlan
        var rows: [Row] = []
        var planned = Money.zero
        for line in plan.lines {
            let committed = spending.committed[line.name] ?? .zero, spent = spending.spent[line.name] ?? .zero
            // `planned − committed − spent`: negative when the line is overspent.
            guard let left = line.planned.subtracting(committed)?.subtracting(spent),
                  let sum = planned.adding(line.planned) else { return nil }
            planned = sum
            rows.append(Row(line: line.name, pot: line.pot, category: line.category, funding: line.funding,
                            planned: line.planned, committed: committed, spent: spent, left: left))
        }
        var unattributed = PaymentTally()
        var outsidePlan = PaymentTally()
        for (pot, byCategory) in spending.unlined {
            let categories = Set(plan.lines.lazy.filter { $0.pot == pot }.map(\.category))
            for (category, tally) in byCategory {
                if categories.contains(category) {
                    guard let sum = unattributed.amount.adding(tally.amount) else { return nil }
                    unattributed = PaymentTally(count: unattributed.count + tally.count, amount: sum)
                } else {
                    guard let sum = outsidePlan.amount.adding(tally.amount) else { return nil }
                    outsidePlan = PaymentTally(count: outsidePlan.count + tally.count, amount: sum)
                }
            }
        }
        self.rows = rows
        self.unattributed = unattributed
        self.outsidePlan = outsidePlan
        self.planned = planned
        self.allocated = budget.allocated
    }

    /// `plan --json`: one object per line, then the summary, each followed by a newline.
    public var jsonLines: [UInt8] {
        var bytes: [UInt8] = []
        for row in rows {
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("line", row.line)
            writer.field("pot", row.pot.rawValue)
            writer.field("category", row.category)
            writer.field("funding", row.funding.rawValue)
            writer.field("planned", row.planned)
            writer.field("committed", row.committed)
            writer.field("spent", row.spent)
            writer.field("left", row.left)
            writer.endObject()
            bytes += writer.bytes + [UInt8(ascii: "\n")]
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.tally("unattributed", unattributed)
        writer.tally("outside_plan", outsidePlan)
        writer.field("planned", planned)
        writer.field("allocated", allocated)
        writer.endObject()
        return bytes + writer.bytes + [UInt8(ascii: "\n")]
    }
}

extension JSONWriter {
    mutating func tally(_ name: String, _ tally: PaymentTally) {
        key(name)
        beginObject()
        field("count", tally.count)
        field("amount", tally.amount)
        endObject()
    }
}
