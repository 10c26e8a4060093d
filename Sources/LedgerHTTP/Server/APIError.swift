import Hummingbird
import LedgerDomain

/// An error answer of SPEC 8.3: `{"error":{"code":"…","message":"…"}}` with its status.
/// Messages are written for the caller and never carry internals (paths, LMDB codes).
struct APIError: Error {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    /// Seconds, for 503: when to try again.
    var retryAfter: Int? = nil

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, code: "bad_request", message: message) }
    static let unauthenticated = APIError(status: .unauthorized, code: "unauthenticated", message: "a valid bearer token is required")
    static let forbidden = APIError(status: .forbidden, code: "forbidden", message: "your role may not do this")
    static func unknownBudget(_ budget: String) -> APIError {
        APIError(status: .notFound, code: "unknown_budget", message: "there is no budget \"\(budget)\"")
    }
    static let notFound = APIError(status: .notFound, code: "not_found", message: "there is no such route")
    static let methodNotAllowed = APIError(status: .methodNotAllowed, code: "not_found", message: "this route does not take that method")
    static func tooLarge(_ message: String) -> APIError { APIError(status: .contentTooLarge, code: "too_large", message: message) }
    static func unsupportedMediaType(_ message: String) -> APIError {
        APIError(status: .unsupportedMediaType, code: "unsupported_media_type", message: message)
    }
    static let timeout = APIError(status: .requestTimeout, code: "timeout", message: "the request took too long; nothing of it was written")
    static func unavailable(_ message: String, retryAfter: Int = 1) -> APIError {
        APIError(status: .serviceUnavailable, code: "unavailable", message: message, retryAfter: retryAfter)
    }

    var body: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.field("code", code)
        writer.field("message", message)
        writer.endObject()
        writer.endObject()
        return writer.bytes + [0x0A]
    }

    var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let retryAfter { headers[.retryAfter] = "\(retryAfter)" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
