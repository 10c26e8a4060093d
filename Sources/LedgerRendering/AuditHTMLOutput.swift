import LedgerDomain
import LedgerStore

/// `audit --html FILE`: one self-contained page (inline CSS and SVG, no script, no network) that
/// an auditor can open, print or archive: the budget's header, a chart per pot, and every event
/// with who recorded it, when, its hash and the balances of each pot right after it.
///
/// Every text field is escaped (per byte, see `escape`), and the page's Content-Security-Policy
/// allows no script and no request, so text that slipped through could still do nothing.
///
/// ```swift
/// var entries: [AuditEntry] = []
/// try ledger.audit("PHB-1") { entries.append($0) }
/// if let state = entries.last?.stateAfter {
///     let page = AuditHTMLOutput.page(budget: state, entries: entries, viewDescription: "every event")
/// }
/// ```
public enum AuditHTMLOutput {
    /// The whole page, UTF-8.
    /// - Parameters:
    ///   - budget: the budget as it stands after the last entry.
    ///   - entries: the budget's events in the view, in `seq` order.
    ///   - viewDescription: the view, in words, for the page's header.
    public static func page(budget: BudgetState, entries: [AuditEntry], viewDescription: String) -> [UInt8] {
        Array(render(budget: budget, entries: entries, viewDescription: viewDescription).utf8)
    }

    static func render(budget: BudgetState, entries: [AuditEntry], viewDescription: String) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Audit trail · \(escape(budget.budget))</title>
        <style>\(style)</style></head><body>
        <header><h1>Audit trail <span class="budget">\(escape(budget.budget))</span></h1>
        <dl class="facts">
        """
        let opening = budget.opening
        let facts: [(String, String)] = [
            ("Person", opening.person), ("Holding model", opening.holdingModel.rawValue.replacingOccurrences(of: "_", with: " ")),
            ("Pots", budget.pots.map { $0.pot.rawValue.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")),
            ("Budget period", "\(opening.periodStart) to \(opening.periodEnd)"), ("Status", budget.isClosed ? "closed" : "open"),
            ("Events", "\(entries.count) (version \(budget.version))"), ("View", viewDescription),
            ("Last hash", entries.last.map { $0.stored.hexHash } ?? "—"),
        ]
        for (name, value) in facts { html += "<div><dt>\(escape(name))</dt><dd>\(escape(value))</dd></div>" }
        html += "</dl></header>\n<main>\n<section><h2>Balances in this view</h2>\(summaryTable(budget))</section>\n"
        html += "<section><h2>Over time, per pot</h2><p class=\"hint\">Each point is the pot right after an event, in the order the events were recorded.</p><div class=\"charts\">"
        for pot in budget.pots { html += chart(for: pot.pot, entries: entries) }
        html += "</div></section>\n<section><h2>Every event</h2>\(eventsTable(budget: budget, entries: entries[...], reversedIDs: reversedIDs(entries)))</section>\n"
        html += "</main><footer>budget-ledger audit · amounts in pounds · hashes are SHA-256 over the previous hash and the event's canonical bytes</footer></body></html>\n"
        return html
    }

    /// No script, no request of any kind: the page's own inline CSS and SVG are all it shows,
    /// so text that slipped through escaping could still run nothing and send nothing.
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    private static let style = """
    :root{--ink:#1d2433;--muted:#5b6475;--line:#d9dee7;--allocated:#005eb8;--spent:#d5281b;--held:#007f3b;--committed:#7c2855}
    *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#f4f6f9}
    header{background:#005eb8;color:#fff;padding:20px 32px}h1{margin:0 0 12px;font-size:24px;font-weight:600}
    h1 .budget{font-family:ui-monospace,Menlo,Consolas,monospace;background:rgba(255,255,255,.15);padding:2px 8px;border-radius:4px}
    .facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:8px 24px;margin:0}
    .facts dt{font-size:11px;text-transform:uppercase;letter-spacing:.06em;opacity:.8}.facts dd{margin:0;font-weight:600;word-break:break-all}
    main{padding:8px 32px 32px}section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin-top:20px}
    h2{font-size:17px;margin:0 0 12px}.hint{color:var(--muted);margin:-6px 0 12px;font-size:12px}
    table{border-collapse:collapse;width:100%}th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    th{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:#f8f9fb;position:sticky;top:0}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
    tr.reversal td,tr.reversed td{color:var(--muted)}tr.reversed td.amount{text-decoration:line-through}
    tr.plan-line .type{background:#e3f4e8}tr.review .type{background:#fff1d6}tr.repayment .type{background:#fbe3e3}
    .type{display:inline-block;padding:1px 6px;border-radius:10px;background:#e8edf5;font-size:12px;white-space:nowrap}
    .pot{font-size:12px;line-height:1.35;white-space:nowrap}.pot b{display:inline-block;width:16px;margin-right:2px;text-align:left;color:var(--muted);font-weight:600}
    .scroll{overflow-x:auto}td.date,td.recorded{white-space:nowrap}td.recorded{font-size:11px}td.detail{min-width:180px;max-width:300px}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:16px}
    figure{margin:0;max-width:600px}figure svg{display:block;width:100%;height:auto}figcaption{font-weight:600;margin-bottom:4px}.legend span{margin-right:14px;font-size:12px}
    .legend i{display:inline-block;width:24px;height:0;margin-right:5px;vertical-align:middle}
    .key-allocated{border-top:3px solid var(--allocated)}.key-spent{border-top:3px dashed var(--spent)}.key-held{border-top:3px dotted var(--held)}.key-committed{border-top:3px dotted var(--committed)}
    svg text{font-size:10px;fill:var(--muted)}footer{color:var(--muted);font-size:12px;padding:0 32px 24px}
    @media print{header{background:#fff;color:#000}section{break-inside:avoid}}
    """

    private static func summaryTable(_ budget: BudgetState) -> String {
        var html = "<table><thead><tr><th scope=\"col\">Pot</th>"
        for column in PotColumns.names { html += "<th scope=\"col\" class=\"num\">\(column)</th>" }
        html += "</tr></thead><tbody>"
        for pot in budget.pots {
            html += "<tr><td>\(escape(pot.pot.rawValue))</td>"
            for value in PotColumns.figures(of: pot) { html += "<td class=\"num\">\(value.map(pounds) ?? "")</td>" }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    /// The series a pot's chart draws: allocated and spent always; held for money with a holder,
    /// committed for notional money (which is never held elsewhere). Each has its own dash as
    /// well as its colour, so the lines are told apart without colour.
    private static func series(for pot: Pot) -> [(name: String, color: String, dash: String, value: (PotBalances) -> Money)] {
        [("allocated", "var(--allocated)", "", { $0.allocated }), ("spent", "var(--spent)", "7 4", { $0.spent }),
         pot.isHeldElsewhere ? ("held", "var(--held)", "2 3", { $0.held }) : ("committed", "var(--committed)", "2 3", { $0.committed })]
    }

    /// A line in a series' colour and dash (the legend's keys, `.key-NAME`, draw the same).
    private static func stroke(_ line: (name: String, color: String, dash: String, value: (PotBalances) -> Money)) -> String {
        "fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\"" + (line.dash.isEmpty ? "" : " stroke-dasharray=\"\(line.dash)\"")
    }

    static func chart(for pot: Pot, entries: [AuditEntry]) -> String {
        let width = 520.0, height = 220.0, left = 64.0, right = 12.0, top = 10.0, bottom = 28.0
        let points = entries.compactMap { entry in entry.stateAfter.balances(of: pot).map { (entry, $0) } }
        let lines = series(for: pot)
        let maximum = max(1, points.flatMap { point in lines.map { $0.value(point.1).pence } }.max() ?? 1)
        let minimum = min(0, points.flatMap { point in lines.map { $0.value(point.1).pence } }.min() ?? 0)
        func x(_ index: Int) -> Double { left + (width - left - right) * (points.count > 1 ? Double(index) / Double(points.count - 1) : 0) }
        func y(_ pence: Int64) -> Double { top + (height - top - bottom) * (1 - Double(pence - minimum) / Double(maximum - minimum)) }
        var svg = "<figure><figcaption>\(escape(pot.rawValue.replacingOccurrences(of: "_", with: " "))) pot</figcaption>"
        svg += "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"\(escape(pot.rawValue)) balances over time\">"
        for step in 0...4 {
            let pence = minimum + (maximum - minimum) * Int64(step) / 4
            let lineY = format(y(pence))
            svg += "<line x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(lineY)\" y2=\"\(lineY)\" stroke=\"#e3e7ee\"/>"
            svg += "<text x=\"\(Int(left) - 6)\" y=\"\(lineY)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(pounds(Money(pence: pence / 100 * 100), decimals: false))</text>"
        }
        if let first = points.first, let last = points.last {
            svg += "<text x=\"\(Int(left))\" y=\"\(Int(height) - 8)\">\(first.0.stored.event.date)</text>"
            svg += "<text x=\"\(Int(width - right))\" y=\"\(Int(height) - 8)\" text-anchor=\"end\">\(last.0.stored.event.date)</text>"
        }
        for line in lines {
            // A step line: a balance holds its value until the next event changes it.
            var path = ""
            for (index, point) in points.enumerated() {
                let pointY = format(y(line.value(point.1).pence))
                path += index == 0 ? "M\(format(x(0))),\(pointY)" : "H\(format(x(index)))V\(pointY)"
            }
            svg += "<path d=\"\(path)\" \(stroke(line))/>"
        }
        svg += "</svg><div class=\"legend\">"
        for line in lines { svg += "<span><i class=\"key-\(line.name)\"></i>\(line.name)</span>" }
        return svg + "</div></figure>"
    }

    /// The events table; `reversedIDs` names the events reversed anywhere in the trail (a page
    /// of it may not hold the reversal).
    static func eventsTable(budget: BudgetState, entries: ArraySlice<AuditEntry>, reversedIDs: Set<String>, caption: String? = nil) -> String {
        var html = "<div class=\"scroll\"><table>\(caption.map { "<caption>\(escape($0))</caption>" } ?? "")<thead><tr><th scope=\"col\" class=\"num\">Seq</th><th scope=\"col\" class=\"num\">Ver</th><th scope=\"col\">Date</th><th scope=\"col\">Recorded at</th><th scope=\"col\">Actor</th>"
        html += "<th scope=\"col\">Type</th><th scope=\"col\">Pot</th><th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\">Detail</th><th scope=\"col\">Hash</th>"
        for pot in budget.pots { html += "<th scope=\"col\">\(escape(pot.pot.rawValue)) after</th>" }
        html += "</tr></thead><tbody>"
        for entry in entries {
            let event = entry.stored.event, envelope = entry.stored.envelope
            let rowClass = event.kind == .reversal ? "reversal" : reversedIDs.contains(event.id) ? "reversed" : carePlanClass(event)
            html += "<tr class=\"\(rowClass)\"><td class=\"num\">\(envelope.seq)</td><td class=\"num\">\(envelope.version)</td>"
            html += "<td class=\"date\">\(event.date)</td><td class=\"mono recorded\">\(escape(envelope.recordedAt.description))</td><td>\(escape(event.actor ?? ""))</td>"
            html += "<td><span class=\"type\">\(escape(event.kind.rawValue.replacingOccurrences(of: "_", with: " ")))</span></td>"
            html += "<td>\(escape(entry.stateAfter.pot(for: event.body)?.rawValue ?? ""))</td>"
            html += "<td class=\"num amount\">\(event.body.amount.map(pounds) ?? "")</td><td class=\"detail\">\(escape(detail(of: event)))</td>"
            html += "<td class=\"mono\" title=\"\(entry.stored.hexHash)\">\(entry.stored.hexHash.prefix(12))…</td>"
            for pot in entry.stateAfter.pots {
                let third = pot.pot.isHeldElsewhere ? ("H", pot.held) : ("C", pot.committed)
                html += "<td class=\"pot num\"><b>A</b>\(pounds(pot.allocated))<br><b>S</b>\(pounds(pot.spent))<br><b>\(third.0)</b>\(pounds(third.1))</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div><p class=\"hint\">A = allocated, S = spent, H = held by the person or organisation, C = committed. Struck-through amounts were reversed. Plan lines are marked green, reviews amber, repayment requests, waivers and the recoveries that settle them red.</p>"
    }

    /// The ids of the events that a reversal among `entries` reverses.
    static func reversedIDs(_ entries: [AuditEntry]) -> Set<String> {
        Set(entries.compactMap { entry -> String? in
            if case .reversal(let reverses, _) = entry.stored.event.body { return reverses }
            return nil
        })
    }

    /// SPEC 9: the row class marking plan lines, reviews and repayment events in the timeline.
    static func carePlanClass(_ event: Event) -> String {
        switch event.body {
        case .planLine: return "plan-line"
        case .review: return "review"
        case .repaymentRequested, .repaymentWaived, .recovery(_, _, _, .some): return "repayment"
        default: return ""
        }
    }

    private static func detail(of event: Event) -> String {
        var parts: [String] = []
        switch event.body {
        case .budgetOpened(let opening): parts.append("for \(opening.person)")
        case .allocation(_, _, let direction): if direction == .decrease { parts.append("decrease") }
        case .notionalCommitment(let commitment, let provider, let category, _, let line):
            parts += ["\(commitment) · \(provider)", category]
            if let line { parts.append("line \(line)") }
        case .commitmentRelease(let commitment, let amount): parts.append("\(commitment)\(amount == nil ? " (all open)" : "")")
        case .thirdPartyTransfer(let organisation, _): parts.append(organisation)
        case .payment(let payment):
            parts.append(payment.payee)
            parts.append(payment.category)
            if let commitment = payment.commitment { parts.append("against \(commitment)") }
            if let reference = payment.reference { parts.append("ref \(reference)") }
            if let line = payment.line { parts.append("line \(line)") }
        case .recovery(_, _, let reason, let repayment):
            parts.append(reason)
            if let repayment { parts.append("settles \(repayment)") }
        case .reconciliation(_, let periodEnd, let balance, _, _): parts.append("statement \(pounds(balance)) to \(periodEnd)")
        case .reversal(let reverses, let reason): parts += ["reverses \(reverses)", reason]
        case .directPaymentTransfer, .budgetClosed: break
        case .planLine(let entry):
            parts += ["line \(entry.line)", entry.category, "planned \(pounds(entry.amount))\(entry.amount == .zero ? " (ended)" : "")",
                      "funding \((entry.funding ?? .nhs).rawValue)"]
            if let description = entry.description { parts.append(description) }
        case .scheduleSet(let setting):
            parts += ["schedule \(setting.schedule)", "\(pounds(setting.amount)) every \(setting.every.rawValue) from \(setting.first)"]
            if let last = setting.last { parts.append("until \(last)") }
            if let organisation = setting.organisation { parts.append(organisation) }
        case .scheduleEnded(let schedule, let last): parts.append("schedule \(schedule) ends \(last)")
        case .review(let outcome, let nextReview):
            parts.append(outcome.rawValue)
            if let nextReview { parts.append("next review \(nextReview)") }
        case .repaymentRequested(let entry):
            parts += ["repayment \(entry.repayment)", "\(pounds(entry.amount)) on grounds \(entry.grounds.rawValue)", "due \(entry.due)"]
        case .repaymentWaived(let repayment, let amount, let reason):
            parts += ["repayment \(repayment)", amount.map { "waives \(pounds($0))" } ?? "waives all outstanding", reason]
        }
        if let note = event.note { parts.append("“\(note)”") }
        return parts.joined(separator: " · ")
    }

    /// `12,345.60`: thousands separated for reading; the exact two decimals kept.
    static func pounds(_ money: Money) -> String { pounds(money, decimals: true) }

    static func pounds(_ money: Money, decimals: Bool) -> String {
        // From the pence, not by reworking `description`: the audit page formats three amounts
        // per pot for every event.
        let magnitude = money.pence.magnitude
        let whole = String(magnitude / 100), fraction = magnitude % 100
        var text = money.pence < 0 ? "-" : ""
        text.reserveCapacity(whole.utf8.count + whole.utf8.count / 3 + 4)
        var remaining = whole.utf8.count
        for digit in whole {
            text.append(digit)
            remaining -= 1
            if remaining > 0 && remaining % 3 == 0 { text.append(",") }
        }
        if decimals { text += fraction < 10 ? ".0\(fraction)" : ".\(fraction)" }
        return text
    }

    private static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// Escapes text for HTML (``HTMLText/escape(_:)``: per UTF-8 byte, never per `Character`).
    public static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
