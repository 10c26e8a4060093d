import Hummingbird
import HummingbirdAuth
import LedgerStore

/// `Authorization: Bearer TOKEN` → the user, checked against the ledger's users on every
/// request, so that a revoked or rotated token fails at once. A request with no or an unknown
/// token goes on without a user: each route decides whether it needs one (health and the
/// document do not).
struct BearerAuthenticator: AuthenticatorMiddleware {
    typealias Context = LedgerRequestContext
    let service: LedgerService

    func authenticate(request: Request, context: Context) async throws -> User? {
        guard let bearer = request.headers.bearer else { return nil }
        // Run here rather than on the thread pool: a token seen before costs one LMDB point read
        // of its user's record (microseconds, never waiting for a writer), and the hop to the pool
        // and back cost more than the read on every request.
        do {
            return try service.users.authenticate(token: bearer.token)
        } catch let error as StoreError {
            throw APIError(storeError: error)
        }
    }
}
