/// The frame of every web page: skip link, header with the service name, navigation and the
/// signed-in user, the main content, and a footer. No script; the one stylesheet and icon are
/// served by the same server (`/assets/…`), so the pages' Content-Security-Policy can forbid
/// everything else.
public enum WebLayout {
    /// Served with every page: nothing but the same server's stylesheet, icon and forms.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let serviceName = "Personal health budgets ledger"

    /// A whole page, UTF-8.
    /// - Parameters:
    ///   - title: the page's own title (the `<h1>` says it again).
    ///   - chrome: the signed-in user; nil on the sign-in and error pages before sign-in.
    ///   - back: a link above the heading, as (href, words).
    ///   - main: the content, already escaped.
    static func document(title: String, chrome: WebChrome?, back: (href: String, words: String)? = nil, main: String) -> [UInt8] {
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title)) – \(serviceName)</title>
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/assets/web.css">
        </head><body>
        <a class="skip-link" href="#main">Skip to main content</a>
        <header class="site-header"><div class="width header-row">
        <a class="service" href="/">\(serviceName)</a>
        """
        if let chrome {
            html += "<nav aria-label=\"Main\"><ul><li><a href=\"/budgets\">Budgets</a></li>"
            if chrome.mayReadReport { html += "<li><a href=\"/report\">Report</a></li>" }
            html += "</ul></nav><div class=\"account\"><span>Signed in as <strong>\(HTMLText.escape(chrome.userName))</strong> (\(HTMLText.escape(chrome.role)))</span>"
            html += "<form method=\"post\" action=\"/sign-out\">\(chrome.csrfField)<button type=\"submit\" class=\"link-button\">Sign out</button></form></div>"
        }
        html += "</div></header>\n<div class=\"width\">"
        if let back { html += "<a class=\"back-link\" href=\"\(HTMLText.escape(back.href))\">\(HTMLText.escape(back.words))</a>" }
        html += "<main id=\"main\">\n\(main)\n</main></div>\n"
        html += "<footer class=\"site-footer\"><div class=\"width\">Amounts are in pounds sterling. Figures come from the same ledger and the same calculations as the <code>budget-ledger</code> command line.</div></footer>\n</body></html>\n"
        return Array(html.utf8)
    }
}
