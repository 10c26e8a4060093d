/// The pages that only say something: a budget or page not found (the same page whether the
/// budget does not exist or the user may not see it), no permission, a bad request, signed out.
public enum MessagePage {
    public static func notFound(chrome: WebChrome?) -> [UInt8] {
        page(title: "Page not found", chrome: chrome, message: "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.",
             link: ("/budgets", "Go to the list of budgets"))
    }

    public static func forbidden(chrome: WebChrome?, reason: String) -> [UInt8] {
        page(title: "You cannot do this", chrome: chrome, message: reason, link: ("/budgets", "Go to the list of budgets"))
    }

    public static func badRequest(chrome: WebChrome?, reason: String, back: String) -> [UInt8] {
        page(title: "Something in the request is wrong", chrome: chrome, message: reason, link: (back, "Go back and try again"))
    }

    /// The ledger cannot answer now (busy, storage full, clock behind): nothing was changed.
    public static func unavailable(chrome: WebChrome?, reason: String) -> [UInt8] {
        page(title: "Sorry, there is a problem with the service", chrome: chrome, message: reason, link: ("/budgets", "Try the list of budgets"))
    }

    public static func signedOut() -> [UInt8] {
        page(title: "You have signed out", chrome: nil, message: "Your session has ended on this server.", link: ("/sign-in", "Sign in again"))
    }

    /// `GET /sign-out`: a button, since signing out changes something and needs the CSRF token.
    public static func signOut(chrome: WebChrome) -> [UInt8] {
        let main = "<h1>Sign out</h1><form method=\"post\" action=\"/sign-out\">\(chrome.csrfField)<button type=\"submit\" class=\"button\">Sign out</button></form>"
        return WebLayout.document(title: "Sign out", chrome: chrome, main: main)
    }

    private static func page(title: String, chrome: WebChrome?, message: String, link: (String, String)) -> [UInt8] {
        let main = "<h1>\(WebFormat.h(title))</h1><p>\(WebFormat.h(message))</p><p><a href=\"\(WebFormat.h(link.0))\">\(WebFormat.h(link.1))</a></p>"
        return WebLayout.document(title: title, chrome: chrome, main: main)
    }
}
