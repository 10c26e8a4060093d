import LedgerApplication
import LedgerDomain
import LedgerStore

/// `/budgets/{budget}`: the balances per pot (as `balance`), the step chart per pot (as the audit
/// page), open commitments, reconciliations with their variance, and the view controls.
public enum BudgetPage {
    /// - Parameters:
    ///   - state: the budget in the view (the `balance` use case).
    ///   - trail: its audit trail in the same view and state of the ledger (for the charts and
    ///     the reconciliations).
    public static func page(state: BudgetState, trail: AuditTrail, view: WebView, chrome: WebChrome) -> [UInt8] {
        let budget = WebFormat.h(state.budget)
        let path = "/budgets/\(WebFormat.urlEncode(state.budget))"
        let opening = state.opening
        var main = "<h1>Budget \(budget)</h1>"
        main += "<dl class=\"facts panel\">"
        let next = state.carePlan.nextReview(opening: opening, openedOn: state.openedOn, isClosed: state.isClosed)
        let facts: [(String, String)] = [
            ("Person", opening.person), ("Holding model", WebFormat.words(opening.holdingModel.rawValue)),
            ("Status", state.isClosed ? "Closed" : "Open"), ("Budget period", "\(opening.periodStart) to \(opening.periodEnd)"),
            ("Next review", next.map { "\($0)" } ?? (state.isClosed ? "None: closed" : "Not set")), ("Events in view", "\(state.version)"),
        ]
        for (name, value) in facts { main += "<div><dt>\(name)</dt><dd>\(WebFormat.h(value))</dd></div>" }
        main += "</dl>"
        main += view.form(action: path)
        main += "<ul class=\"downloads\"><li><a href=\"\(path)/audit\(WebFormat.h(WebFormat.query(view.pairs)))\">Full audit trail</a></li>"
        if chrome.mayReconcile && state.pots.contains(where: { $0.pot.isHeldElsewhere }) {
            main += "<li><a href=\"\(path)/reconcile\">Reconcile a statement</a></li>"
        }
        main += "</ul>"
        main += "<h2 id=\"balances\">Balances</h2>" + WebFormat.scrolling(balances(state), label: "Balances per pot")
        main += unreconciledNotes(state)
        main += "<h2>Over time, per pot</h2><p class=\"hint\">Each step is the pot right after an event, in the order the events were recorded.</p><div class=\"charts\">"
        for pot in state.pots { main += AuditHTMLOutput.chart(for: pot.pot, entries: trail.entries) }
        main += "</div>"
        main += "<h2>Open commitments</h2>" + commitments(state)
        main += "<h2>Reconciliations</h2>" + reconciliations(trail)
        return WebLayout.document(title: "Budget \(state.budget)", chrome: chrome, back: ("/budgets", "All budgets"), main: main)
    }

    private static func balances(_ state: BudgetState) -> String {
        var html = "<table id=\"balances-table\"><caption class=\"visually-hidden\">Balances per pot</caption><thead><tr><th scope=\"col\">Pot</th>"
        let columns = PotColumns.names
        for column in columns { html += "<th scope=\"col\" class=\"num\">\(column.prefix(1).uppercased() + column.dropFirst())</th>" }
        html += "</tr></thead><tbody>"
        for pot in state.pots {
            let values = PotColumns.figures(of: pot)
            html += "<tr data-pot=\"\(pot.pot.rawValue)\"><th scope=\"row\">\(WebFormat.words(pot.pot.rawValue))</th>"
            for (column, value) in zip(columns, values) { html += WebFormat.amountCell(value, field: column) }
            html += "</tr>"
        }
        let totals = BalanceReport.totals(of: state)
        html += "<tr class=\"total\" data-pot=\"total\"><th scope=\"row\">Total</th>"
        let totalValues: [Money?] = [totals.allocated, totals.committed, nil, totals.spent, totals.recovered, nil, nil, totals.remaining]
        for (column, value) in zip(columns, totalValues) { html += WebFormat.amountCell(value, field: column) }
        return html + "</tr></tbody></table>"
    }

    private static func unreconciledNotes(_ state: BudgetState) -> String {
        let holders = state.pots.filter(\.pot.isHeldElsewhere)
        guard !holders.isEmpty else { return "" }
        var html = "<ul>"
        for pot in holders {
            let unreconciled = pot.unreconciled
            html += "<li>\(WebFormat.words(pot.pot.rawValue).capitalizedFirst) pot: \(unreconciled.count) unreconciled payment\(unreconciled.count == 1 ? "" : "s") (\(WebFormat.pounds(unreconciled.amount)))"
            if let last = pot.lastReconciliation {
                html += "; last reconciled to \(last.periodEnd): expected \(WebFormat.pounds(last.expected)), statement \(WebFormat.pounds(last.statementBalance)), variance \(WebFormat.pounds(last.variance)) (\(last.isBalanced ? "balanced" : "discrepancy"))"
            } else {
                html += "; never reconciled"
            }
            html += "</li>"
        }
        return html + "</ul>"
    }

    private static func commitments(_ state: BudgetState) -> String {
        let open = state.commitments.filter { $0.value.pence > 0 }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        guard !open.isEmpty else { return "<p>No open commitments.</p>" }
        var html = "<table id=\"commitments\"><caption>\(open.count) open commitment\(open.count == 1 ? "" : "s")</caption><thead><tr><th scope=\"col\">Commitment</th><th scope=\"col\" class=\"num\">Still open</th></tr></thead><tbody>"
        for (name, amount) in open { html += "<tr><th scope=\"row\">\(WebFormat.h(name))</th>\(WebFormat.amountCell(amount, field: "open"))</tr>" }
        let total = Money(pence: open.reduce(0) { $0 + $1.value.pence })
        return html + "<tr class=\"total\"><th scope=\"row\">Total</th>\(WebFormat.amountCell(total))</tr></tbody></table>"
    }

    /// Each `reconciliation` event in the view, with what it recorded (the pot's last
    /// reconciliation right after it).
    private static func reconciliations(_ trail: AuditTrail) -> String {
        let reversed = AuditHTMLOutput.reversedIDs(trail.entries)
        var rows = ""
        var count = 0
        for entry in trail.entries {
            guard case .reconciliation = entry.stored.event.body, let pot = entry.stateAfter.pot(for: entry.stored.event.body),
                  let record = entry.stateAfter.balances(of: pot)?.lastReconciliation else { continue }
            count += 1
            let status = reversed.contains(entry.stored.event.id) ? "<span class=\"tag tag-closed\">Reversed</span>"
                : record.isBalanced ? "<span class=\"tag tag-balanced\">Balanced</span>" : "<span class=\"tag tag-discrepancy\">Discrepancy</span>"
            rows += "<tr><td>\(WebFormat.words(pot.rawValue))</td><td>\(record.periodEnd)</td>"
            rows += WebFormat.amountCell(record.expected) + WebFormat.amountCell(record.statementBalance) + WebFormat.amountCell(record.variance)
            rows += "<td>\(status)</td><td class=\"num\">\(entry.stored.envelope.seq)</td></tr>"
        }
        guard count > 0 else { return "<p>No reconciliations recorded in this view.</p>" }
        return WebFormat.scrolling("<table id=\"reconciliations\"><caption>\(count) reconciliation\(count == 1 ? "" : "s")</caption><thead><tr><th scope=\"col\">Pot</th><th scope=\"col\">Period end</th><th scope=\"col\" class=\"num\">Expected</th><th scope=\"col\" class=\"num\">Statement</th><th scope=\"col\" class=\"num\">Variance</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Event</th></tr></thead><tbody>\(rows)</tbody></table>", label: "Reconciliations")
    }
}

extension String {
    /// `direct payment` → `Direct payment`.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
