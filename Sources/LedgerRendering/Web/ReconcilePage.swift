import LedgerApplication
import LedgerDomain
import LedgerStore

/// `/budgets/{budget}/reconcile`: upload a statement for a pot and period, see matched,
/// statement-only and ledger-only rows side by side with the variance and surplus, then (finance)
/// record the reconciliation with one button. An auditor sees the same page without the button.
public enum ReconcilePage {
    /// What the upload form shows again after a refused upload.
    public struct FormValues: Sendable {
        public var pot: String?
        public var periodEnd: String?
        public var periodStart: String?
        public init(pot: String? = nil, periodEnd: String? = nil, periodStart: String? = nil) {
            self.pot = pot
            self.periodEnd = periodEnd
            self.periodStart = periodStart
        }
    }

    /// The upload form; `error` (a refused upload) above it.
    public static func form(state: BudgetState, values: FormValues = FormValues(), error: String? = nil, chrome: WebChrome) -> [UInt8] {
        var main = "<h1>Reconcile a statement for \(WebFormat.h(state.budget))</h1>"
        if let error { main += WebFormat.errorSummary(error) }
        main += uploadForm(state: state, values: values, chrome: chrome)
        return document(state: state, chrome: chrome, main: main, error: error != nil)
    }

    /// The statement matched to the pot; a button to record it when `pendingID` is given.
    /// - Parameter pendingID: the id the server keeps this upload under for the session, so
    ///   that the button records exactly what is shown; nil for a user who may not post.
    public static func result(state: BudgetState, reconciliation: Reconciliation, statementName: String, pendingID: String?,
                              chrome: WebChrome) -> [UInt8] {
        var main = "<h1>Reconcile a statement for \(WebFormat.h(state.budget))</h1>"
        main += "<p class=\"lede\">\(WebFormat.h(statementName)) against the \(WebFormat.words(reconciliation.pot.rawValue)) pot, \(reconciliation.period.start) to \(reconciliation.period.end).</p>"
        main += summary(reconciliation)
        if let pendingID {
            main += "<form method=\"post\" action=\"/budgets/\(WebFormat.urlEncode(state.budget))/reconcile/post\" class=\"panel\">\(chrome.csrfField)"
            main += "<input type=\"hidden\" name=\"pending\" value=\"\(WebFormat.h(pendingID))\">"
            main += "<p>Recording it adds a <code>reconciliation</code> event with these figures, under the id <code>\(WebFormat.h(reconciliation.eventID))</code>. Recording the same statement again changes nothing.</p>"
            main += "<button type=\"submit\" class=\"button\" id=\"post-reconciliation\">Record this reconciliation</button></form>"
        } else {
            main += "<p class=\"notice\">You can read this reconciliation but not record it: only finance users can.</p>"
        }
        main += sides(reconciliation)
        main += "<h2>Match another statement</h2>" + uploadForm(state: state, values: FormValues(pot: reconciliation.pot.rawValue), chrome: chrome)
        return document(state: state, chrome: chrome, main: main, error: false)
    }

    /// After the button: recorded, already recorded, or refused with its SPEC 4 code.
    public static func posted(state: BudgetState, posted: PostedReconciliation, chrome: WebChrome) -> [UInt8] {
        let path = "/budgets/\(WebFormat.urlEncode(state.budget))"
        var main = "<h1>Reconcile a statement for \(WebFormat.h(state.budget))</h1>"
        switch posted.result.status {
        case .accepted:
            main += "<div class=\"notice success\" role=\"status\"><h2>Reconciliation recorded</h2><p>Recorded as event <strong id=\"posted-seq\">\(posted.result.seq.map { "\($0)" } ?? "")</strong>, id <code>\(WebFormat.h(posted.eventID))</code>.</p></div>"
        case .duplicate:
            main += "<div class=\"notice\" role=\"status\"><h2>Already recorded</h2><p>This statement was recorded before under <code>\(WebFormat.h(posted.eventID))</code>; nothing changed.</p></div>"
        case .rejected:
            let reason = posted.result.rejection.map { "\($0.code.rawValue): \($0.message)" } ?? "refused"
            main += WebFormat.errorSummary("The reconciliation was not recorded (\(reason)). Nothing changed.")
        }
        main += summary(posted.reconciliation)
        main += "<p><a href=\"\(path)\">Back to budget \(WebFormat.h(state.budget))</a></p>"
        return document(state: state, chrome: chrome, main: main, error: posted.result.status == .rejected)
    }

    private static func document(state: BudgetState, chrome: WebChrome, main: String, error: Bool) -> [UInt8] {
        WebLayout.document(title: "\(error ? "Error: " : "")Reconcile \(state.budget)", chrome: chrome,
                           back: ("/budgets/\(WebFormat.urlEncode(state.budget))", "Budget \(state.budget)"), main: main)
    }

    private static func uploadForm(state: BudgetState, values: FormValues, chrome: WebChrome) -> String {
        let holders = state.pots.filter(\.pot.isHeldElsewhere)
        guard !holders.isEmpty else { return "<p>This budget has no third-party or direct-payment pot: there is no statement to reconcile.</p>" }
        var html = "<form method=\"post\" action=\"/budgets/\(WebFormat.urlEncode(state.budget))/reconcile\" enctype=\"multipart/form-data\" class=\"panel\">\(chrome.csrfField)"
        html += "<div class=\"field\"><label for=\"pot\">Pot</label><select id=\"pot\" name=\"pot\">"
        for pot in holders {
            html += "<option value=\"\(pot.pot.rawValue)\"\(values.pot == pot.pot.rawValue ? " selected" : "")>\(WebFormat.words(pot.pot.rawValue))</option>"
        }
        html += "</select></div>"
        html += "<div class=\"field\"><label for=\"period_end\">Statement period ends on</label><span class=\"hint\" id=\"period_end-hint\">The last day the statement covers, for example 2026-03-31</span>"
        html += "<input type=\"date\" id=\"period_end\" name=\"period_end\" required value=\"\(WebFormat.h(values.periodEnd ?? ""))\" aria-describedby=\"period_end-hint\"></div>"
        html += "<div class=\"field\"><label for=\"period_start\">Statement period starts on (optional)</label><span class=\"hint\" id=\"period_start-hint\">Leave empty to start the day after the last reconciliation</span>"
        html += "<input type=\"date\" id=\"period_start\" name=\"period_start\" value=\"\(WebFormat.h(values.periodStart ?? ""))\" aria-describedby=\"period_start-hint\"></div>"
        html += "<div class=\"field\"><label for=\"statement\">Statement file</label><span class=\"hint\" id=\"statement-hint\">The bank's or card provider's CSV export, as it was downloaded</span>"
        html += "<input type=\"file\" id=\"statement\" name=\"statement\" accept=\".csv,text/csv\" required aria-describedby=\"statement-hint\"></div>"
        html += "<p><button type=\"submit\" class=\"button\" id=\"match-statement\">Match the statement</button></p>"
        html += "<p class=\"hint\">Matching changes nothing. \(chrome.mayPost ? "You can record the result afterwards." : "")</p></form>"
        return html
    }

    private static func summary(_ reconciliation: Reconciliation) -> String {
        let record = reconciliation.record
        let status = record.isBalanced ? "<span class=\"tag tag-balanced\">Balanced</span>" : "<span class=\"tag tag-discrepancy\">Discrepancy</span>"
        var html = "<table id=\"reconciliation-summary\"><caption>The figures it records</caption><tbody>"
        let rows: [(String, String, Money)] = [("expected", "Expected (the ledger)", record.expected),
                                               ("statement_balance", "Statement balance", record.statementBalance),
                                               ("variance", "Variance", record.variance),
                                               ("timing", "Timing (money not yet through the bank)", reconciliation.timing),
                                               ("surplus", "Surplus over \(reconciliation.surplusWeeks) weeks", reconciliation.surplus)]
        for (field, words, amount) in rows { html += "<tr><th scope=\"row\">\(WebFormat.h(words))</th>\(WebFormat.amountCell(amount, field: field))</tr>" }
        html += "<tr><th scope=\"row\">Status</th><td class=\"num\" data-field=\"status\">\(status)</td></tr>"
        return html + "</tbody></table>"
    }

    private static func sides(_ reconciliation: Reconciliation) -> String {
        let match = reconciliation.match
        var html = "<h2>Matched: \(match.matched.count)</h2>"
        var matched = "<table id=\"matched\"><caption>Statement rows matched to ledger events</caption><thead><tr><th scope=\"col\" class=\"num\">Line</th><th scope=\"col\">Date</th><th scope=\"col\">Description</th><th scope=\"col\" class=\"num\">Statement amount</th><th scope=\"col\">Ledger event</th><th scope=\"col\">Event date</th><th scope=\"col\" class=\"num\">Ledger amount</th></tr></thead><tbody>"
        for pair in match.matched {
            matched += "<tr data-line=\"\(pair.row.line)\" data-id=\"\(WebFormat.h(pair.movement.id))\"><td class=\"num\">\(pair.row.line)</td><td class=\"date\">\(pair.row.date)</td><td>\(WebFormat.h(pair.row.description))</td>"
            matched += WebFormat.amountCell(pair.row.amount) + "<td class=\"mono\">\(WebFormat.h(pair.movement.id))</td><td class=\"date\">\(pair.movement.date)</td>" + WebFormat.amountCell(pair.movement.amount) + "</tr>"
        }
        if match.matched.isEmpty { matched += "<tr><td colspan=\"7\">No row matched.</td></tr>" }
        html += WebFormat.scrolling(matched + "</tbody></table>", label: "Matched rows")
        html += "<div class=\"side-by-side\"><section><h2>Only on the statement: \(match.statementOnly.count)</h2><p class=\"hint\">Spending or income the ledger has not recorded.</p>"
        var statementOnly = "<table id=\"statement-only\"><caption>Statement rows with no ledger event</caption><thead><tr><th scope=\"col\" class=\"num\">Line</th><th scope=\"col\">Date</th><th scope=\"col\">Description</th><th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>"
        for row in match.statementOnly {
            statementOnly += "<tr data-line=\"\(row.line)\"><td class=\"num\">\(row.line)</td><td class=\"date\">\(row.date)</td><td>\(WebFormat.h(row.description))</td>\(WebFormat.amountCell(row.amount))</tr>"
        }
        if match.statementOnly.isEmpty { statementOnly += "<tr><td colspan=\"4\">None.</td></tr>" }
        html += WebFormat.scrolling(statementOnly + "</tbody></table>", label: "Only on the statement") + "</section>"
        html += "<section><h2>Only in the ledger: \(match.ledgerOnly.count)</h2><p class=\"hint\">Recorded, but not on the statement.</p>"
        html += WebFormat.scrolling(movements(match.ledgerOnly, id: "ledger-only", caption: "Ledger events with no statement row"), label: "Only in the ledger") + "</section></div>"
        if !match.outstanding.isEmpty {
            html += "<h2>Still outstanding from earlier periods: \(match.outstanding.count)</h2>"
            html += WebFormat.scrolling(movements(match.outstanding, id: "outstanding", caption: "Earlier events not yet on any statement"), label: "Outstanding")
        }
        return html
    }

    private static func movements(_ movements: [PotMovement], id: String, caption: String) -> String {
        var html = "<table id=\"\(id)\"><caption>\(caption)</caption><thead><tr><th scope=\"col\">Event</th><th scope=\"col\">Type</th><th scope=\"col\">Date</th><th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>"
        for movement in movements {
            html += "<tr data-id=\"\(WebFormat.h(movement.id))\"><td class=\"mono\">\(WebFormat.h(movement.id))</td><td>\(WebFormat.words(movement.kind.rawValue))</td><td class=\"date\">\(movement.date)</td>\(WebFormat.amountCell(movement.amount))</tr>"
        }
        if movements.isEmpty { html += "<tr><td colspan=\"4\">None.</td></tr>" }
        return html + "</tbody></table>"
    }
}
