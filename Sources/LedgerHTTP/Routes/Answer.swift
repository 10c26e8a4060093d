import HTTPTypes
import Hummingbird
import LedgerDomain

/// Builds the answers of SPEC 8.2: the command's `--json` bytes with their media type, and
/// `X-Ledger-Seq` naming the state they were computed from.
enum Answer {
    static let ledgerSeq = HTTPField.Name("X-Ledger-Seq")!

    static func ok(_ bytes: [UInt8], seq: UInt64?, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        if let seq { headers[ledgerSeq] = "\(seq)" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A JSON answer: the bytes as the renderer gives them, line break included.
    static func json(_ bytes: [UInt8], seq: UInt64?, status: HTTPResponse.Status = .ok) -> Response {
        ok(bytes, seq: seq, contentType: "application/json", status: status)
    }

    static func lines(_ bytes: [UInt8], seq: UInt64?, status: HTTPResponse.Status = .ok) -> Response {
        ok(bytes, seq: seq, contentType: "application/x-ndjson", status: status)
    }
}

/// The query parameters of SPEC 8.2, each checked: a malformed one is 400 `bad_request`.
struct Query {
    let request: Request
    /// A web form sends its empty fields as `name=`: the pages read them as absent.
    var emptyIsAbsent = false

    func text(_ name: String) -> String? {
        guard let value = request.uri.queryParameters[name[...]] else { return nil }
        return emptyIsAbsent && value.isEmpty ? nil : String(value)
    }

    func unsigned(_ name: String) throws -> UInt64? {
        guard let text = text(name) else { return nil }
        guard let value = UInt64(text) else { throw APIError.badRequest("\(name) must be a whole number ≥ 0") }
        return value
    }

    func date(_ name: String) throws -> CalendarDate? {
        guard let text = text(name) else { return nil }
        guard let date = CalendarDate(iso: text) else { throw APIError.badRequest("\(name) must be a date YYYY-MM-DD") }
        return date
    }

    func flag(_ name: String) throws -> Bool {
        switch text(name) {
        case nil, "false": return false
        case "true": return true
        default: throw APIError.badRequest("\(name) must be true or false")
        }
    }

    /// The views of SPEC 3: `as_of_seq`, `as_of_date`, `known_at`; they combine.
    func view() throws -> ViewFilter {
        var knownAt: Timestamp?
        if let text = text("known_at") {
            guard let time = Timestamp(rfc3339: text) else { throw APIError.badRequest("known_at must be an RFC 3339 time") }
            knownAt = time
        }
        return ViewFilter(asOfSeq: try unsigned("as_of_seq"), asOfDate: try date("as_of_date"), knownAt: knownAt)
    }

    /// The view in words, as `audit --html` heads its page (the parameters as given).
    var viewDescription: String {
        var parts: [String] = []
        if let asOfSeq = text("as_of_seq") { parts.append("events up to seq \(asOfSeq)") }
        if let asOfDate = text("as_of_date") { parts.append("dated on or before \(asOfDate)") }
        if let knownAt = text("known_at") { parts.append("as recorded by \(knownAt)") }
        return parts.isEmpty ? "everything recorded" : parts.joined(separator: ", ")
    }

    /// `surplus_weeks`, 0 to `Surplus.weeksMax`.
    func surplusWeeks() throws -> Int? {
        guard let text = text("surplus_weeks") else { return nil }
        guard let weeks = Int(text), (0...Surplus.weeksMax).contains(weeks) else {
            throw APIError.badRequest("surplus_weeks must be a whole number of weeks from 0 to \(Surplus.weeksMax)")
        }
        return weeks
    }
}
