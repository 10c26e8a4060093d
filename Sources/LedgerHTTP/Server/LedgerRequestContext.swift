import Hummingbird
import HummingbirdAuth
import LedgerStore
import NIOConcurrencyHelpers

/// Each request's context: Hummingbird's, plus the user its bearer token names.
struct LedgerRequestContext: AuthRequestContext, RequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: User? {
        didSet { signedIn.withLockedValue { $0 = identity?.name } }
    }
    /// The user's name, shared by every copy of this context: the access log, outside the
    /// middleware that signs the user in, reads it from here.
    let signedIn = NIOLockedValueBox<String?>(nil)

    init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// The user, if their role is one of `roles`; 401 without a user, 403 for another role.
    func require(_ roles: Set<UserRole>) throws -> User {
        guard let user = identity else { throw APIError.unauthenticated }
        guard roles.contains(user.role) else { throw APIError.forbidden }
        return user
    }

    /// Any signed-in user.
    func requireUser() throws -> User { try require(Set(UserRole.allCases)) }

    /// The user and the budget, if they may see it: a budget a viewer may not see does not
    /// exist for them (404 `unknown_budget`, never 403).
    func requireBudget(visibleTo user: User) throws -> String {
        let budget = try parameters.require("budget")
        guard user.maySee(budget: budget) else { throw APIError.unknownBudget(budget) }
        return budget
    }
}
