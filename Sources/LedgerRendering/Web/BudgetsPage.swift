import LedgerApplication
import LedgerDomain

/// `/budgets`: every budget the user may see, one row each, with search, filters, sortable
/// columns, and the rows that need attention marked in words (a tag) as well as colour.
public enum BudgetsPage {
    /// - Parameters:
    ///   - overview: the budgets the user may see (already limited to a viewer's own).
    ///   - query: the search, filters and order.
    public static func page(overview: BudgetOverview, query: BudgetsListQuery, chrome: WebChrome) -> [UInt8] {
        let rows = query.apply(to: overview.rows)
        let attention = overview.rows.filter { !$0.attention.isEmpty }.count
        var main = "<h1>Budgets</h1>"
        main += "<p class=\"lede\">\(overview.rows.count) budget\(overview.rows.count == 1 ? "" : "s"), \(attention) needing attention on \(overview.on). "
        main += "Surplus is money held beyond \(overview.surplusWeeks) weeks of funding.</p>"
        main += filters(query)
        let shown = rows.count == overview.rows.count ? "All \(rows.count) budgets" : "\(rows.count) of \(overview.rows.count) budgets"
        var table = "<table id=\"budgets\"><caption>\(shown)</caption><thead><tr>"
        let columns: [(BudgetsListQuery.SortKey, String, Bool)] = [
            (.budget, "Budget", false), (.person, "Person", false), (.holdingModel, "Holding model", false), (.status, "Status", false),
            (.allocated, "Allocated", true), (.spent, "Spent", true), (.remaining, "Remaining", true),
            (.unreconciled, "Unreconciled payments", true), (.surplus, "Surplus over threshold", true), (.nextReview, "Next review", false),
        ]
        for (key, title, numeric) in columns {
            let sorted = query.sort == key ? " aria-sort=\"\(query.descending ? "descending" : "ascending")\"" : ""
            let arrow = query.sort == key ? (query.descending ? " ▼" : " ▲") : ""
            table += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")\(sorted)><a href=\"/budgets\(WebFormat.h(query.sortLink(key)))\">\(title)\(arrow)</a></th>"
        }
        table += "<th scope=\"col\">Needs attention</th></tr></thead><tbody>"
        for row in rows { table += line(row) }
        if rows.isEmpty { table += "<tr><td colspan=\"11\">No budget matches. <a href=\"/budgets\">Show every budget</a>.</td></tr>" }
        table += "</tbody></table>"
        main += WebFormat.scrolling(table, label: "Budgets")
        return WebLayout.document(title: "Budgets", chrome: chrome, main: main)
    }

    private static func line(_ row: BudgetOverview.Row) -> String {
        let state = row.state
        let budget = WebFormat.h(row.budget)
        var html = "<tr data-budget=\"\(budget)\"\(row.attention.isEmpty ? "" : " class=\"needs-attention\"")>"
        // data-label: the column's name, shown beside each figure when a narrow screen stacks the row.
        html += "<th scope=\"row\" data-label=\"Budget\"><a href=\"/budgets/\(WebFormat.urlEncode(row.budget))\">\(budget)</a></th>"
        html += "<td class=\"person\" data-label=\"Person\">\(WebFormat.h(state.opening.person))</td>"
        html += "<td data-label=\"Holding model\">\(WebFormat.words(state.opening.holdingModel.rawValue))</td>"
        html += "<td data-label=\"Status\">\(state.isClosed ? "<span class=\"tag tag-closed\">Closed</span>" : "Open")</td>"
        html += WebFormat.amountCell(row.totals.allocated, field: "allocated", label: "Allocated")
        html += WebFormat.amountCell(row.totals.spent, field: "spent", label: "Spent")
        html += WebFormat.amountCell(row.totals.remaining, field: "remaining", label: "Remaining")
        let unreconciled = row.state.pots.contains { $0.pot.isHeldElsewhere }
            ? "\(row.unreconciled.count) · \(WebFormat.pounds(row.unreconciled.amount))" : "–"
        html += "<td class=\"num\" data-field=\"unreconciled\" data-label=\"Unreconciled payments\">\(unreconciled)</td>"
        html += row.surplus.map { WebFormat.amountCell($0, field: "surplus", label: "Surplus over threshold") }
            ?? "<td class=\"num\" data-field=\"surplus\" data-label=\"Surplus over threshold\">–</td>"
        html += "<td class=\"date\" data-label=\"Next review\">\(row.nextReview.map { "\($0)" } ?? (state.isClosed ? "None: closed" : "Not set"))</td><td class=\"attention\" data-label=\"Needs attention\">"
        if row.attention.isEmpty {
            html += "No"
        } else {
            html += row.attention.map { "<span class=\"tag tag-attention\">\($0.words)</span>" }.joined(separator: " ")
        }
        return html + "</td></tr>"
    }

    private static func filters(_ query: BudgetsListQuery) -> String {
        var html = "<form method=\"get\" action=\"/budgets\" class=\"inline-filters\" role=\"search\">"
        html += "<div class=\"field\"><label for=\"q\">Search by budget or person</label><input type=\"search\" id=\"q\" name=\"q\" value=\"\(WebFormat.h(query.search))\"></div>"
        html += "<div class=\"field\"><label for=\"holding_model\">Holding model</label><select id=\"holding_model\" name=\"holding_model\"><option value=\"\">Any</option>"
        for model in HoldingModel.allCases {
            html += "<option value=\"\(model.rawValue)\"\(query.holdingModel == model ? " selected" : "")>\(WebFormat.words(model.rawValue))</option>"
        }
        html += "</select></div><div class=\"field\"><label for=\"status\">Status</label><select id=\"status\" name=\"status\"><option value=\"\">Any</option>"
        html += "<option value=\"open\"\(query.closed == false ? " selected" : "")>Open</option><option value=\"closed\"\(query.closed == true ? " selected" : "")>Closed</option></select></div>"
        html += "<div class=\"field\"><label for=\"attention\">Show</label><select id=\"attention\" name=\"attention\"><option value=\"\">All budgets</option>"
        html += "<option value=\"yes\"\(query.onlyNeedingAttention ? " selected" : "")>Only those needing attention</option></select></div>"
        if query.sort != .budget { html += "<input type=\"hidden\" name=\"sort\" value=\"\(query.sort.rawValue)\">" }
        if query.descending { html += "<input type=\"hidden\" name=\"order\" value=\"desc\">" }
        html += "<div class=\"field\"><button type=\"submit\" class=\"button\">Apply</button></div></form>"
        return html
    }
}
