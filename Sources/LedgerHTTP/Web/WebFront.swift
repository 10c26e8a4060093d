import Foundation
import HTTPTypes
import Hummingbird
import LedgerRendering
import LedgerStore

/// What the web pages share: the ledger service, the sessions, and the answers every page
/// gives (an HTML page with its security headers, a redirect, an error page).
struct WebFront: Sendable {
    let service: LedgerService
    let sessions: WebSessions

    /// The cookie holding the session id, and nothing else.
    static let cookieName = "ledger_session"
    /// Sign-in and sign-out forms are a few fields; nothing bigger is read.
    static let formBytesMax = 16 << 10

    /// A signed-in request: its session, its user (as the ledger has them now) and the chrome
    /// the pages show.
    struct SignedIn: Sendable {
        let session: WebSession
        let user: User
        var chrome: WebChrome {
            WebChrome(userName: user.name, role: user.role.rawValue, csrfToken: session.csrfToken)
        }
    }

    /// The session the request's cookie names, if it is live and its user still holds the token
    /// it was signed in with (checked against the ledger on every request, as bearer tokens are).
    func signedIn(_ request: Request) async throws -> SignedIn? {
        guard let id = request.cookies[WebFront.cookieName]?.value, let session = sessions.use(id) else { return nil }
        let users = service.users
        let name = session.userName, hash = session.tokenHash
        guard let user = try await service.blocking({ try users.user(named: name, holdingTokenHash: hash) }) else {
            sessions.end(id)
            return nil
        }
        return SignedIn(session: session, user: user)
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Path=/, and Secure when served over TLS.
    /// No Max-Age: the browser forgets it when it closes; the server ends it after 8 hours idle.
    func sessionCookie(_ id: String) -> Cookie {
        Cookie(name: WebFront.cookieName, value: id, path: "/", secure: service.configuration.tlsCertificate != nil, httpOnly: true,
               sameSite: .strict)
    }

    /// The cookie that makes the browser forget the session.
    func clearedCookie() -> Cookie {
        Cookie(name: WebFront.cookieName, value: "", maxAge: 0, path: "/", secure: service.configuration.tlsCertificate != nil,
               httpOnly: true, sameSite: .strict)
    }

    /// Refuses a changing form whose `csrf` field is missing or not the session's token
    /// (compared in constant time).
    func checkCSRF(_ presented: String?, of session: WebSession) throws {
        guard let presented, BearerToken.constantTimeEquals(Array(presented.utf8), Array(session.csrfToken.utf8)) else {
            throw WebFailure.forbidden("The form was missing its security token or it was out of date. Go back, reload the page and try again.")
        }
    }

    // MARK: Answers

    /// The headers of every page: a CSP allowing no script, no sniffing, no referrer, no caching.
    static func securityHeaders(contentType: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentSecurityPolicy] = WebLayout.contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return headers
    }

    static func page(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, seq: UInt64? = nil) -> Response {
        file(bytes, contentType: "text/html; charset=utf-8", status: status, seq: seq)
    }

    /// Any body with the pages' headers; `downloadName` makes the browser save it.
    static func file(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok, seq: UInt64? = nil,
                     downloadName: String? = nil) -> Response {
        var headers = securityHeaders(contentType: contentType)
        if let seq { headers[Answer.ledgerSeq] = "\(seq)" }
        if let downloadName { headers[.contentDisposition] = "attachment; filename=\"\(downloadName)\"" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// 303 See Other: after a form, or to the sign-in page.
    static func redirect(to location: String) -> Response {
        var headers = securityHeaders(contentType: "text/plain; charset=utf-8")
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// The page for a failure, with its status; `chrome` when someone is signed in.
    static func failurePage(_ error: Error, chrome: WebChrome?) -> Response {
        switch error {
        case let failure as WebFailure:
            switch failure {
            case .notFound: return page(MessagePage.notFound(chrome: chrome), status: .notFound)
            case .forbidden(let reason): return page(MessagePage.forbidden(chrome: chrome, reason: reason), status: .forbidden)
            case .badRequest(let reason, let back): return page(MessagePage.badRequest(chrome: chrome, reason: reason, back: back), status: .badRequest)
            }
        case let api as APIError:
            switch api.status {
            case .notFound: return page(MessagePage.notFound(chrome: chrome), status: .notFound)
            case .forbidden: return page(MessagePage.forbidden(chrome: chrome, reason: "Your role may not do this."), status: .forbidden)
            case .badRequest: return page(MessagePage.badRequest(chrome: chrome, reason: sentence(api.message), back: "/budgets"), status: .badRequest)
            default:
                var response = page(MessagePage.unavailable(chrome: chrome, reason: sentence(api.message)), status: api.status)
                if let retry = api.retryAfter { response.headers[.retryAfter] = "\(retry)" }
                return response
            }
        default:
            return page(MessagePage.unavailable(chrome: chrome, reason: "The page could not be shown. Nothing was changed. Try again in a moment."),
                        status: .serviceUnavailable)
        }
    }

    /// `as_of_seq must be …` → `As_of_seq must be ….`
    private static func sentence(_ message: String) -> String {
        let text = message.prefix(1).uppercased() + message.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }
}
