import Hummingbird
import HummingbirdAuth
import LedgerStore

/// `Authorization: Bearer TOKEN` → the user, read afresh from the ledger on every request, so
/// that a revoked or rotated token fails at once. A request with no or an unknown token goes on
/// without a user: each route decides whether it needs one (health and the document do not).
struct BearerAuthenticator: AuthenticatorMiddleware {
    typealias Context = LedgerRequestContext
    let service: LedgerService

    func authenticate(request: Request, context: Context) async throws -> User? {
        guard let bearer = request.headers.bearer else { return nil }
        let token = bearer.token
        return try await service.blocking { [service] in try service.users.authenticate(token: token) }
    }
}
