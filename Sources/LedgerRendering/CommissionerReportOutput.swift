import LedgerDomain

/// `report`: the commissioner's report as JSON, CSV (one row per budget and pot, for a
/// spreadsheet) or text for a terminal.
///
/// ```swift
/// let report = CommissionerReport(atEnd: atEnd, beforeStart: beforeStart, from: from, to: to, surplusWeeks: 8)
/// let bytes = CommissionerReportOutput.json(report)  // `report --json`
/// ```
public enum CommissionerReportOutput {
    /// The columns of `report --csv`.
    public static let csvHeaders = ["budget", "holding_model", "pot", "allocated", "spent", "recovered", "held", "open_commitments",
                                    "open_committed", "unreconciled_over_90_days", "unreconciled_over_90_days_amount", "surplus"]

    /// `report --json`: one object, keys in a fixed order, amounts as two-decimal strings, and
    /// `\n`. Allocated and held are as at `to`; spent and recovered are what is dated in the period.
    public static func json(_ report: CommissionerReport) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("from", report.from.description)
        writer.field("to", report.to.description)
        writer.field("surplus_weeks", report.surplusWeeks)
        writer.key("budgets")
        writer.beginObject()
        for (model, count) in report.budgetsByModel { writer.field(model.rawValue, count) }
        writer.field("total", report.budgetsByModel.reduce(0) { $0 + $1.count })
        writer.endObject()
        writer.key("pots")
        writer.beginObject()
        for totals in report.potTotals {
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
        let commitments = report.openCommitments
        writer.key("open_commitments")
        writer.beginObject()
        writer.field("count", commitments.count)
        writer.field("amount", commitments.amount)
        writer.endObject()
        writer.key("unreconciled_over_90_days")
        writer.beginArray()
        for line in report.overdueLines {
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
        for line in report.outstanding {
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
        for line in report.surplusLines {
            writer.beginObject()
            writer.field("budget", line.budget)
            writer.field("pot", line.pot.rawValue)
            writer.field("held", line.held)
            writer.field("surplus", line.surplus)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes + [0x0A]
    }

    /// `report --csv`: a header and one row per budget and pot.
    public static func csv(_ report: CommissionerReport) -> [UInt8] {
        var bytes = CSV.line(CSV.header(csvHeaders))
        for line in report.lines {
            let held = line.pot.isHeldElsewhere
            bytes += CSV.line(CSV.row([.text(line.budget), .text(line.holdingModel.rawValue), .text(line.pot.rawValue),
                                       .money(line.allocated), .money(line.spent),
                                       held ? .money(line.recovered) : .empty, held ? .money(line.held) : .empty,
                                       held ? .empty : .integer(line.openCommitments.count), held ? .empty : .money(line.openCommitments.amount),
                                       held ? .integer(line.overdue.count) : .empty, held ? .money(line.overdue.amount) : .empty,
                                       held ? .money(line.surplus) : .empty]))
        }
        return bytes
    }

    /// `report` for a terminal.
    public static func text(_ report: CommissionerReport) -> [UInt8] {
        var output = TerminalLines()
        output.line("commissioner's report, \(report.from) to \(report.to)")
        output.line("")
        let total = report.budgetsByModel.reduce(0) { $0 + $1.count }
        output.line("budgets open in the period: \(total) ("
            + report.budgetsByModel.map { "\($0.model.rawValue) \($0.count)" }.joined(separator: ", ") + ")")
        output.line("")
        output.line("by pot: allocated and held at \(report.to); spent and recovered in the period")
        var pots = TextTable(headers: ["pot", "pots", "allocated", "spent", "recovered", "held"], rightAligned: Set(1...5))
        for totals in report.potTotals {
            let held = totals.pot.isHeldElsewhere
            pots.add([totals.pot.rawValue, "\(totals.pots)", "\(totals.allocated)", "\(totals.spent)",
                      held ? "\(totals.recovered)" : "", held ? "\(totals.held)" : ""])
        }
        output.lines(pots.render())
        output.line("")
        let commitments = report.openCommitments
        output.line("open commitments at \(report.to): \(commitments.count), \(commitments.amount) committed and not yet paid")
        output.line("")
        let overdue = report.overdueLines
        output.line("unreconciled payments dated on or before \(report.overdueThrough) (over \(CommissionerReport.unreconciledAgeDaysMax) days old): \(overdue.count) pot\(overdue.count == 1 ? "" : "s")")
        if !overdue.isEmpty {
            var table = TextTable(headers: ["budget", "pot", "payments", "amount", "oldest"], rightAligned: [2, 3])
            for line in overdue {
                table.add([line.budget, line.pot.rawValue, "\(line.overdue.count)", "\(line.overdue.amount)", line.overdue.oldest.map(\.description) ?? ""])
            }
            output.lines(table.render())
        }
        if !report.outstanding.isEmpty {
            output.line("outstanding items dated on or before \(report.overdueThrough) (recorded, on no statement since): \(report.outstanding.count) pot\(report.outstanding.count == 1 ? "" : "s")")
            var table = TextTable(headers: ["budget", "pot", "items", "amount", "oldest"], rightAligned: [2, 3])
            for line in report.outstanding {
                table.add([line.budget, line.pot.rawValue, "\(line.count)", "\(line.amount)", line.oldest.map(\.description) ?? ""])
            }
            output.lines(table.render())
        }
        output.line("")
        let surplus = report.surplusLines
        output.line("held above \(report.surplusWeeks) weeks' funding at \(report.to) (surplus to consider recovering): \(surplus.count) pot\(surplus.count == 1 ? "" : "s")")
        if !surplus.isEmpty {
            var table = TextTable(headers: ["budget", "pot", "held", "surplus"], rightAligned: [2, 3])
            for line in surplus { table.add([line.budget, line.pot.rawValue, "\(line.held)", "\(line.surplus)"]) }
            output.lines(table.render())
        }
        return output.bytes
    }
}
