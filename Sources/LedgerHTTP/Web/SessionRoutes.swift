import Hummingbird
import LedgerRendering
import LedgerStore

/// `/`, `/sign-in`, `/sign-out` and the assets every page links to.
struct SessionRoutes {
    let front: WebFront

    func add(to router: Router<LedgerRequestContext>) {
        router.get("/") { request, _ in
            try await front.signedIn(request) == nil ? WebFront.redirect(to: "/sign-in") : WebFront.redirect(to: "/budgets")
        }
        router.get("/sign-in") { request, _ in
            try await front.signedIn(request) == nil ? WebFront.page(SignInPage.page()) : WebFront.redirect(to: "/budgets")
        }
        router.post("/sign-in") { request, context in
            do {
                let token = try await front.formFields(request)["token"] ?? ""
                // Verified as the bearer authenticator verifies a token: every user's hash, in constant time.
                let users = front.service.users
                guard !token.isEmpty, token.utf8.count <= SessionRoutes.tokenBytesMax,
                      let user = try await front.service.blocking({ try users.authenticate(token: token) }) else {
                    return WebFront.page(SignInPage.page(error: "The token is not right, or it has been revoked. Check it and try again."),
                                         status: .unauthorized)
                }
                context.signedIn.withLockedValue { $0 = user.name }
                let session = front.sessions.start(userName: user.name, tokenHash: BearerToken.hash(token))
                var response = WebFront.redirect(to: "/budgets")
                response.setCookie(front.sessionCookie(session.id))
                return response
            } catch {
                return WebFront.failurePage(error, chrome: nil)
            }
        }
        router.get("/sign-out", use: front.signedInPage { _, _, signedIn in WebFront.page(MessagePage.signOut(chrome: signedIn.chrome)) })
        router.post("/sign-out", use: front.signedInPage { request, _, signedIn in
            try front.checkCSRF(try await front.formFields(request)["csrf"], of: signedIn.session)
            front.sessions.end(signedIn.session.id)
            var response = WebFront.page(MessagePage.signedOut())
            response.setCookie(front.clearedCookie())
            return response
        })
        router.get("/assets/web.css") { _, _ in WebFront.file(WebAssets.stylesheet, contentType: "text/css; charset=utf-8") }
        // Browsers ask for /favicon.ico whatever the page links to: the same icon, so no request fails.
        for path in ["/assets/icon.svg", "/favicon.ico"] {
            router.get(RouterPath(path)) { _, _ in WebFront.file(WebAssets.icon, contentType: "image/svg+xml") }
        }
    }

    /// Tokens are 64 hex digits; anything much longer is not one.
    static let tokenBytesMax = 1_024
}
