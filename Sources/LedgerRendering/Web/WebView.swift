/// The views of SPEC 3 as the pages' forms and links carry them: the text of each field as
/// typed (already checked by the route), kept so the form shows it again and links keep it.
public struct WebView: Sendable {
    public var asOfDate: String?
    public var knownAt: String?
    public var asOfSeq: String?
    /// The view in words (`dated on or before 2025-09-30`, `everything recorded`).
    public var description: String

    public init(asOfDate: String?, knownAt: String?, asOfSeq: String?, description: String) {
        self.asOfDate = asOfDate
        self.knownAt = knownAt
        self.asOfSeq = asOfSeq
        self.description = description
    }

    var pairs: [(String, String?)] { [("as_of_date", asOfDate), ("known_at", knownAt), ("as_of_seq", asOfSeq)] }
    var isEverything: Bool { pairs.allSatisfy { $0.1 == nil } }

    /// The form that changes the view of a page (GET, so the URL can be bookmarked).
    func form(action: String) -> String {
        func field(_ name: String, _ label: String, _ hint: String, _ type: String, _ value: String?) -> String {
            "<div class=\"field\"><label for=\"\(name)\">\(label)</label><span class=\"hint\" id=\"\(name)-hint\">\(hint)</span>"
                + "<input type=\"\(type)\" id=\"\(name)\" name=\"\(name)\" value=\"\(WebFormat.h(value ?? ""))\" aria-describedby=\"\(name)-hint\"\(type == "text" ? " spellcheck=\"false\"" : "")></div>"
        }
        var html = "<form method=\"get\" action=\"\(WebFormat.h(action))\" class=\"panel\"><fieldset><legend>View the books as they stood</legend>"
        html += "<p class=\"hint\">Showing: \(WebFormat.h(description)). Leave a field empty to ignore it.</p><div class=\"inline-filters\">"
        html += field("as_of_date", "Dated on or before", "A date, for example 2025-09-30", "date", asOfDate)
        html += field("known_at", "As recorded by", "A time, for example 2026-01-15T17:00:00Z", "text", knownAt)
        html += field("as_of_seq", "Up to event number", "The seq of an event", "text", asOfSeq)
        html += "<div class=\"field\"><button type=\"submit\" class=\"button\">Show</button></div>"
        if !isEverything { html += "<div class=\"field\"><a href=\"\(WebFormat.h(action))\">Show everything recorded</a></div>" }
        return html + "</div></fieldset></form>"
    }
}
