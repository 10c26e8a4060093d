import Hummingbird
import LedgerStore

extension WebFront {
    typealias Handler = @Sendable (Request, LedgerRequestContext) async throws -> Response

    /// A page for a signed-in user. Without a live session a GET goes to the sign-in page and
    /// anything else is refused (403); every failure becomes an HTML page with its status.
    func signedInPage(_ body: @escaping @Sendable (Request, LedgerRequestContext, SignedIn) async throws -> Response) -> Handler {
        { request, context in
            let signedIn: SignedIn?
            do {
                signedIn = try await self.signedIn(request)
            } catch {
                return WebFront.failurePage(error, chrome: nil)
            }
            guard let signedIn else {
                guard request.method == .get || request.method == .head else {
                    return WebFront.failurePage(WebFailure.forbidden("Your session has ended. Sign in again, then try once more."), chrome: nil)
                }
                return WebFront.redirect(to: "/sign-in")
            }
            // The access log names the user, as it does for a bearer token.
            context.signedIn.withLockedValue { $0 = signedIn.user.name }
            do {
                return try await body(request, context, signedIn)
            } catch {
                return WebFront.failurePage(error, chrome: signedIn.chrome)
            }
        }
    }

    /// The budget named in the path, if the user may see it; the same 404 page otherwise.
    static func visibleBudget(_ context: LedgerRequestContext, to user: User) throws -> String {
        guard let budget = context.parameters.get("budget"), user.maySee(budget: budget) else { throw WebFailure.notFound }
        return budget
    }

    /// The fields of an `application/x-www-form-urlencoded` body, at most `formBytesMax` bytes.
    func formFields(_ request: Request) async throws -> [String: String] {
        guard LimitedBody.mediaType(of: request) == "application/x-www-form-urlencoded" else {
            throw WebFailure.badRequest("The form was not sent as a web form.", back: "/")
        }
        let deadline = ContinuousClock.now + .seconds(service.configuration.requestTimeoutSeconds)
        let body = try await LimitedBody.collect(request, maximumBytes: WebFront.formBytesMax, deadline: deadline)
        return WebForm.fields(String(decoding: body, as: UTF8.self))
    }
}

/// `application/x-www-form-urlencoded` (WHATWG URL): `name=value&…`, `+` for a space, `%XX`
/// bytes. The first of repeated names counts.
enum WebForm {
    static func fields(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), utf8.count >= 2,
                      let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
