/// Why a page cannot be shown, as the page routes answer it (an HTML page with its status).
enum WebFailure: Error {
    /// No such budget, or one the user may not see: the same page either way.
    case notFound
    /// The role may not do this, or a changing form came without its CSRF token.
    case forbidden(String)
    /// A malformed field; `back` is where to try again.
    case badRequest(String, back: String)
}
