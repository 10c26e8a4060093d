import LedgerDomain

/// `/report`: the commissioner's report for a chosen period (as `report`), with its CSV download.
public enum ReportPage {
    /// - Parameters:
    ///   - report: nil until a period is chosen (or when the period was refused: `error` says why).
    ///   - from: the form's first day, as typed.
    ///   - to: the form's last day, as typed.
    public static func page(report: CommissionerReport?, from: String, to: String, error: String?, chrome: WebChrome) -> [UInt8] {
        var main = "<h1>Commissioner's report</h1>"
        if let error { main += WebFormat.errorSummary(error) }
        main += "<form method=\"get\" action=\"/report\" class=\"panel inline-filters\">"
        main += "<div class=\"field\"><label for=\"from\">From</label><input type=\"date\" id=\"from\" name=\"from\" value=\"\(WebFormat.h(from))\" required></div>"
        main += "<div class=\"field\"><label for=\"to\">To</label><input type=\"date\" id=\"to\" name=\"to\" value=\"\(WebFormat.h(to))\" required></div>"
        main += "<div class=\"field\"><button type=\"submit\" class=\"button\">Show the report</button></div></form>"
        if let report { main += body(report) }
        return WebLayout.document(title: "\(error == nil ? "" : "Error: ")Commissioner's report", chrome: chrome, main: main)
    }

    private static func body(_ report: CommissionerReport) -> String {
        let query = WebFormat.h(WebFormat.query([("from", report.from.description), ("to", report.to.description)]))
        var html = "<p class=\"lede\">\(report.from) to \(report.to). Allocated and held are as at \(report.to); spent and recovered are what is dated in the period.</p>"
        html += "<ul class=\"downloads\"><li><a href=\"/report.csv\(query)\" download>Download as CSV (a row per budget and pot)</a></li></ul>"
        let total = report.budgetsByModel.reduce(0) { $0 + $1.count }
        var models = "<table id=\"budgets-by-model\"><caption>Budgets open in the period: \(total)</caption><thead><tr><th scope=\"col\">Holding model</th><th scope=\"col\" class=\"num\">Budgets</th></tr></thead><tbody>"
        for (model, count) in report.budgetsByModel { models += "<tr><th scope=\"row\">\(WebFormat.words(model.rawValue))</th><td class=\"num\">\(count)</td></tr>" }
        html += "<h2>Budgets</h2>" + WebFormat.scrolling(models + "</tbody></table>", label: "Budgets by holding model")
        var pots = "<table id=\"pots\"><caption>Money by pot</caption><thead><tr><th scope=\"col\">Pot</th><th scope=\"col\" class=\"num\">Pots</th><th scope=\"col\" class=\"num\">Allocated</th><th scope=\"col\" class=\"num\">Spent</th><th scope=\"col\" class=\"num\">Recovered</th><th scope=\"col\" class=\"num\">Held</th></tr></thead><tbody>"
        for totals in report.potTotals {
            let elsewhere = totals.pot.isHeldElsewhere
            pots += "<tr data-pot=\"\(totals.pot.rawValue)\"><th scope=\"row\">\(WebFormat.words(totals.pot.rawValue))</th><td class=\"num\">\(totals.pots)</td>"
            pots += WebFormat.amountCell(totals.allocated, field: "allocated") + WebFormat.amountCell(totals.spent, field: "spent")
            pots += WebFormat.amountCell(elsewhere ? totals.recovered : nil, field: "recovered") + WebFormat.amountCell(elsewhere ? totals.held : nil, field: "held") + "</tr>"
        }
        html += "<h2>Money</h2>" + WebFormat.scrolling(pots + "</tbody></table>", label: "Money by pot")
        let commitments = report.openCommitments
        html += "<p>Open commitments at \(report.to): \(commitments.count), \(WebFormat.pounds(commitments.amount)).</p>"
        html += "<h2>Needing attention</h2>"
        html += attentionTable(id: "unreconciled", caption: "Payments unreconciled over 90 days", columns: ["Payments", "Amount", "Oldest"],
                               rows: report.overdueLines.map { ($0.budget, $0.pot, ["\($0.overdue.count)", WebFormat.pounds($0.overdue.amount), $0.overdue.oldest.map { "\($0)" } ?? ""]) })
        html += attentionTable(id: "outstanding", caption: "Outstanding items over 90 days (on no statement)", columns: ["Items", "Amount", "Oldest"],
                               rows: report.outstanding.map { ($0.budget, $0.pot, ["\($0.count)", WebFormat.pounds($0.amount), $0.oldest.map { "\($0)" } ?? ""]) })
        html += attentionTable(id: "surplus", caption: "Money held over \(report.surplusWeeks) weeks of funding", columns: ["Held", "Surplus"],
                               rows: report.surplusLines.map { ($0.budget, $0.pot, [WebFormat.pounds($0.held), WebFormat.pounds($0.surplus)]) })
        return html
    }

    private static func attentionTable(id: String, caption: String, columns: [String], rows: [(String, Pot, [String])]) -> String {
        guard !rows.isEmpty else { return "<h3>\(WebFormat.h(caption))</h3><p>None.</p>" }
        var html = "<table id=\"\(id)\"><caption>\(WebFormat.h(caption)): \(rows.count)</caption><thead><tr><th scope=\"col\">Budget</th><th scope=\"col\">Pot</th>"
        for column in columns { html += "<th scope=\"col\" class=\"num\">\(column)</th>" }
        html += "</tr></thead><tbody>"
        for (budget, pot, cells) in rows {
            html += "<tr><th scope=\"row\"><a href=\"/budgets/\(WebFormat.urlEncode(budget))\">\(WebFormat.h(budget))</a></th><td>\(WebFormat.words(pot.rawValue))</td>"
            for cell in cells { html += "<td class=\"num\">\(WebFormat.h(cell))</td>" }
            html += "</tr>"
        }
        return WebFormat.scrolling(html + "</tbody></table>", label: caption)
    }
}
