extension CommissionerReport {
    /// `report --json`: one object, keys in a fixed order, amounts as two-decimal strings.
    /// Allocated and held are as at `to`; spent and recovered are what is dated in the period.
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("from", from.description)
        writer.field("to", to.description)
        writer.field("surplus_weeks", surplusWeeks)
        writer.key("budgets")
        writer.beginObject()
        for (model, count) in budgetsByModel { writer.field(model.rawValue, count) }
        writer.field("total", budgetsByModel.reduce(0) { $0 + $1.count })
        writer.endObject()
        writer.key("pots")
        writer.beginObject()
        for totals in potTotals {
            writer.key(totals.pot.rawValue)
            writer.beginObject()
            writer.field("pots", totals.pots)
            writer.field("allocated", totals.allocated)
            writer.field("spent", totals.spent)
            if totals.pot.isHeldElsewhere {
                writer.field("recovered", totals.recovered)
                writer.field("held", totals.held)
            }
            writer.endObject()
        }
        writer.endObject()
        let commitments = openCommitments
        writer.key("open_commitments")
        writer.beginObject()
        writer.field("count", commitments.count)
        writer.field("amount", commitments.amount)
        writer.endObject()
        writer.key("unreconciled_over_90_days")
        writer.beginArray()
        for line in overdueLines {
            writer.beginObject()
            writer.field("budget", line.budget)
            writer.field("pot", line.pot.rawValue)
            writer.field("count", line.overdue.count)
            writer.field("amount", line.overdue.amount)
            writer.field("oldest", optional: line.overdue.oldest?.description)
            writer.endObject()
        }
        writer.endArray()
        writer.key("outstanding_over_90_days")
        writer.beginArray()
        for line in outstanding {
            writer.beginObject()
            writer.field("budget", line.budget)
            writer.field("pot", line.pot.rawValue)
            writer.field("count", line.count)
            writer.field("amount", line.amount)
            writer.field("oldest", optional: line.oldest?.description)
            writer.endObject()
        }
        writer.endArray()
        writer.key("surplus")
        writer.beginArray()
        for line in surplusLines {
            writer.beginObject()
            writer.field("budget", line.budget)
            writer.field("pot", line.pot.rawValue)
            writer.field("held", line.held)
            writer.field("surplus", line.surplus)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }
}
