import LedgerDomain

/// Small pieces of markup the pages share: amounts, words for codes, links that keep a query.
enum WebFormat {
    static func h(_ text: String) -> String { HTMLText.escape(text) }

    /// `1,234.50`, the two decimals always shown.
    static func pounds(_ money: Money) -> String { AuditHTMLOutput.pounds(money) }

    /// A right-aligned amount cell; `field` names the figure for readers of the page's markup.
    /// `label` names the column where a narrow screen stacks a row's cells.
    static func amountCell(_ money: Money?, field: String? = nil, label: String? = nil) -> String {
        let name = field.map { " data-field=\"\(h($0))\"" } ?? ""
        let column = label.map { " data-label=\"\(h($0))\"" } ?? ""
        return "<td class=\"num\"\(name)\(column)>\(money.map(pounds) ?? "")</td>"
    }

    /// `direct_payment` → `direct payment`.
    static func words(_ code: String) -> String { code.replacingOccurrences(of: "_", with: " ") }

    /// A query string from the pairs whose value is not empty, escaped for a URL and for HTML.
    static func query(_ pairs: [(String, String?)]) -> String {
        let kept = pairs.compactMap { pair in pair.1.flatMap { $0.isEmpty ? nil : "\(pair.0)=\(urlEncode($0))" } }
        return kept.isEmpty ? "" : "?" + kept.joined(separator: "&")
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986).
    static func urlEncode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                encoded += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0F)])"
            }
        }
        return encoded
    }

    /// A table that scrolls sideways on a narrow screen; focusable so a keyboard can scroll it.
    static func scrolling(_ table: String, label: String) -> String {
        "<div class=\"scroll\" role=\"region\" aria-label=\"\(h(label))\" tabindex=\"0\">\(table)</div>"
    }

    /// An error summary at the top of a form, as the NHS design system shows one.
    static func errorSummary(_ message: String) -> String {
        "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-title\" tabindex=\"-1\"><h2 id=\"error-title\">There is a problem</h2><p>\(h(message))</p></div>"
    }
}
