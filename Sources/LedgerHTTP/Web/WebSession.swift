import LedgerApplication
import LedgerStore

/// One signed-in browser, kept only in the server's memory: the browser holds nothing but the
/// session id (in an HttpOnly cookie), never the token.
struct WebSession: Sendable {
    /// 256 bits from the system's secure random source, hex.
    let id: String
    let userName: String
    /// The hash of the token signed in with (``BearerToken/hash(_:)``): each request checks the
    /// user still holds that token, so revoking or rotating it ends the session at once.
    let tokenHash: [UInt8]
    /// Sent with every form that changes something; compared in constant time.
    let csrfToken: String
    var lastUsed: ContinuousClock.Instant
    /// The statement last matched on a reconcile page, waiting for its "record" button.
    var pendingReconciliation: PendingReconciliation?
}

/// A matched statement the user may record with one button: exactly the request that was shown.
struct PendingReconciliation: Sendable {
    /// A fresh random id per upload, named by the button's form, so that an older page's button
    /// cannot record a newer upload.
    let id: String
    let request: ReconciliationRequest
}

/// 256 random bits as 64 hex digits, from the system's secure random source (getrandom(2)).
enum SessionSecret {
    static func generate() -> String { BearerToken.generate() }
}
