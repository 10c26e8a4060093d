import LedgerApplication
import LedgerDomain
import LedgerStore

/// `/budgets/{budget}/audit`: every event of the budget in the view with the balances after it
/// (the audit page's table), a page at a time, with CSV and HTML downloads of the whole trail.
public enum AuditPage {
    /// Rows per page unless `?per_page=` asks otherwise.
    public static let rowsPerPageDefault = 500
    /// The most rows one page shows.
    public static let rowsPerPageMax = 5_000

    /// - Parameters:
    ///   - trail: the budget's audit trail in the view.
    ///   - page: 1-based; past the last page shows the last.
    ///   - rowsPerPage: 1 to `rowsPerPageMax`.
    public static func page(trail: AuditTrail, state: BudgetState, view: WebView, page requested: Int, rowsPerPage: Int,
                            chrome: WebChrome) -> [UInt8] {
        precondition((1...rowsPerPageMax).contains(rowsPerPage), "the route checks per_page")
        let path = "/budgets/\(WebFormat.urlEncode(trail.budget))"
        let total = trail.entries.count
        let pages = max(1, (total + rowsPerPage - 1) / rowsPerPage)
        let page = min(max(1, requested), pages)
        let first = (page - 1) * rowsPerPage
        let slice = trail.entries[first..<min(total, first + rowsPerPage)]
        var main = "<h1>Audit trail of \(WebFormat.h(trail.budget))</h1>"
        main += "<p class=\"lede\">Every event in order, who recorded it and when, its hash, and each pot's balances right after it.</p>"
        main += view.form(action: "\(path)/audit")
        let viewQuery = WebFormat.h(WebFormat.query(view.pairs))
        main += "<ul class=\"downloads\"><li><a href=\"\(path)/audit.csv\(viewQuery)\" download>Download the whole trail as CSV</a></li>"
        main += "<li><a href=\"\(path)/audit.html\(viewQuery)\" download>Download it as a web page (for archiving or printing)</a></li></ul>"
        let pager = pagerLinks(path: "\(path)/audit", view: view, page: page, pages: pages, rowsPerPage: rowsPerPage)
        main += pager
        let caption = total == 0 ? "No events in this view" : "Events \(first + 1) to \(first + slice.count) of \(total)"
        main += AuditHTMLOutput.eventsTable(budget: trail.finalState ?? state, entries: slice,
                                            reversedIDs: AuditHTMLOutput.reversedIDs(trail.entries), caption: caption)
        main += pager
        main += "<p class=\"hint\">A = allocated, S = spent, H = held by the person or organisation, C = committed. Struck-through amounts were reversed.</p>"
        return WebLayout.document(title: "Audit trail of \(trail.budget)", chrome: chrome, back: (path, "Budget \(trail.budget)"), main: main)
    }

    private static func pagerLinks(path: String, view: WebView, page: Int, pages: Int, rowsPerPage: Int) -> String {
        guard pages > 1 else { return "" }
        func link(_ target: Int) -> String {
            let perPage = rowsPerPage == rowsPerPageDefault ? nil : "\(rowsPerPage)"
            return WebFormat.h(path + WebFormat.query(view.pairs + [("page", "\(target)"), ("per_page", perPage)]))
        }
        var html = "<nav class=\"pager\" aria-label=\"Pages of the audit trail\">"
        if page > 1 { html += "<a href=\"\(link(page - 1))\" rel=\"prev\">Previous page</a>" }
        html += "<span>Page \(page) of \(pages)</span>"
        if page < pages { html += "<a href=\"\(link(page + 1))\" rel=\"next\">Next page</a>" }
        return html + "</nav>"
    }
}
