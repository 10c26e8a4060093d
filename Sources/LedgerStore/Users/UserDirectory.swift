import LMDB
import LedgerDomain

/// The users of the HTTP service (SPEC 8.1), kept in two named databases of the ledger's own
/// LMDB environment, apart from the events: `users` (name → record) and `user_changes`
/// (seq → the change, for `users log`). Every change writes both in one transaction.
///
/// `authenticate` remembers which user a token hash belongs to, with that user's record as
/// stored, but checks the record is still exactly that on every call (one point read): a
/// revoked or rotated token stops working with the very next request, in this process or any
/// other, because revoking or rotating rewrites the record.
public final class UserDirectory: Sendable {
    private let ledger: Ledger
    /// nil when the ledger was opened read-only and no user was ever added.
    private let databases: UserDatabases?
    /// Token hash → the user it authenticated and their record's bytes at the time.
    private let verified = VerifiedTokens()

    /// At most this many tokens are remembered; past it the memory starts again empty.
    public static let verifiedTokensMax = 1_024

    struct UserDatabases: @unchecked Sendable {
        let users: Database
        let changes: Database
    }

    static let databaseNames = ["users", "user_changes"]

    /// Opens the users' databases; a writable ledger creates them on first use.
    /// Call before any transaction of this process is running on this thread.
    public init(ledger: Ledger) throws {
        self.ledger = ledger
        do {
            let create = !ledger.environment.options.readOnly
            databases = UserDatabases(users: try ledger.environment.openDatabase("users", create: create),
                                      changes: try ledger.environment.openDatabase("user_changes", create: create))
        } catch let error as LMDBError where error.isNotFound {
            databases = nil
        } catch let error as LMDBError {
            throw StoreError.wrap(error)
        }
    }

    /// Every user, ordered by name (byte order), revoked ones included.
    public func list() throws -> [User] {
        guard let databases else { return [] }
        return try ledger.read { txn in
            var users: [User] = []
            try txn.forEach(databases.users) { _, value in
                users.append(try User(stored: Array(value)))
                return true
            }
            return users
        }
    }

    /// The history of changes, oldest first.
    public func changes() throws -> [UserChange] {
        guard let databases else { return [] }
        return try ledger.read { txn in
            var changes: [UserChange] = []
            try txn.forEach(databases.changes) { _, value in
                changes.append(try UserChange(stored: Array(value)))
                return true
            }
            return changes
        }
    }

    /// The user holding this token, unless it is unknown or revoked. Every user's hash is
    /// compared, in constant time, so that the answer's timing says nothing about the token.
    ///
    /// A token seen before costs one point read of its user's record, compared byte for byte with
    /// the record that authenticated it (the lookup is keyed by the token's SHA-256, so its
    /// timing says nothing about the token either); any change to the record, and any token not
    /// seen before, goes through the comparison with every user.
    public func authenticate(token: String) throws -> User? {
        guard let databases else { return nil }
        let presented = BearerToken.hash(token)
        return try ledger.read { txn in
            if let known = verified.entry(for: presented) {
                if try txn.get(databases.users, key: Array(known.user.name.utf8)) == known.record { return known.user }
                verified.forget(presented)
            }
            var found: (user: User, record: [UInt8])?
            try txn.forEach(databases.users) { _, value in
                let record = Array(value)
                let user = try User(stored: record)
                if BearerToken.constantTimeEquals(user.tokenHash, presented) && !user.isRevoked { found = (user, record) }
                return true
            }
            guard let found else { return nil }
            verified.remember(presented, user: found.user, record: found.record)
            return found.user
        }
    }

    /// The user named `name`, if they are not revoked and their token is still the one whose
    /// hash (``BearerToken/hash(_:)``) is `tokenHash`: a web session signed in with a token
    /// ends the moment that token is revoked or rotated. Compared in constant time.
    public func user(named name: String, holdingTokenHash tokenHash: [UInt8]) throws -> User? {
        guard let databases else { return nil }
        return try ledger.read { txn in
            try txn.withValue(databases.users, key: Array(name.utf8)) { value in try User(stored: Array(value)) }
        }.flatMap { user in BearerToken.constantTimeEquals(user.tokenHash, tokenHash) && !user.isRevoked ? user : nil }
    }

    /// Adds a user and returns it with its token, which is shown once and never stored.
    /// - Throws: `UserError` for a bad name, a name in use, or budgets given to a role that has none.
    public func add(name: String, role: UserRole, budgets: [String], by osUser: String,
                    at now: Timestamp = Timestamp.now()) throws -> (user: User, token: String) {
        guard UserName.isValid(name) else { throw UserError.invalidName(name) }
        if let bad = budgets.first(where: { !UserName.isValidBudget($0) }) { throw UserError.invalidBudget(bad) }
        if role != .viewer && !budgets.isEmpty { throw UserError.budgetsNeedViewer(role) }
        if role == .viewer && budgets.isEmpty { throw UserError.viewerNeedsBudgets }
        var distinct: [String] = []
        for budget in budgets where !distinct.contains(budget) { distinct.append(budget) }
        let token = BearerToken.generate()
        let user = User(name: name, role: role, budgets: distinct, createdAt: now, isRevoked: false, tokenHash: BearerToken.hash(token))
        try change(name, action: .add, by: osUser, at: now) { existing in
            if existing != nil { throw UserError.exists(name) }
            return user
        }
        return (user, token)
    }

    /// Revokes a user's token for good; the user stays listed, as revoked.
    public func revoke(name: String, by osUser: String, at now: Timestamp = Timestamp.now()) throws {
        try change(name, action: .revoke, by: osUser, at: now) { existing in
            guard var user = existing else { throw UserError.unknown(name) }
            guard !user.isRevoked else { throw UserError.revoked(name) }
            user.isRevoked = true
            return user
        }
    }

    /// Gives a user a new token; the old one stops working when this returns.
    public func rotate(name: String, by osUser: String, at now: Timestamp = Timestamp.now()) throws -> String {
        let token = BearerToken.generate()
        try change(name, action: .rotate, by: osUser, at: now) { existing in
            guard var user = existing else { throw UserError.unknown(name) }
            guard !user.isRevoked else { throw UserError.revoked(name) }
            user.tokenHash = BearerToken.hash(token)
            return user
        }
        return token
    }

    /// One change: the user's new record and its history entry, in one write transaction.
    private func change(_ name: String, action: UserChange.Action, by osUser: String, at now: Timestamp,
                        _ update: (User?) throws -> User) throws {
        guard let databases else { throw UserError.readOnly }
        try ledger.write { txn in
            let key = Array(name.utf8)
            let existing = try txn.get(databases.users, key: key).map(User.init(stored:))
            let user = try update(existing)
            let seq = (try txn.last(databases.changes).map { ByteReader.seq($0.key[...]) } ?? 0) + 1
            let entry = UserChange(seq: seq, at: now, by: osUser, action: action, user: user)
            try txn.put(databases.users, key: key, value: user.stored)
            try txn.put(databases.changes, key: ByteWriter.key(seq: seq), value: entry.json)
        }
    }
}

/// The tokens `authenticate` has verified, bounded by `UserDirectory.verifiedTokensMax`.
private final class VerifiedTokens: @unchecked Sendable {
    struct Entry {
        let user: User
        /// The user's record as stored when the token was verified.
        let record: [UInt8]
    }

    private let lock = ConditionLock()
    /// Guarded by `lock`.
    private var entries: [[UInt8]: Entry] = [:]

    func entry(for tokenHash: [UInt8]) -> Entry? { lock.withLock { entries[tokenHash] } }

    func forget(_ tokenHash: [UInt8]) { _ = lock.withLock { entries.removeValue(forKey: tokenHash) } }

    func remember(_ tokenHash: [UInt8], user: User, record: [UInt8]) {
        lock.withLock {
            if entries.count >= UserDirectory.verifiedTokensMax { entries.removeAll(keepingCapacity: true) }
            entries[tokenHash] = Entry(user: user, record: record)
        }
    }
}

/// Why a change to users was refused.
public enum UserError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case invalidBudget(String)
    case budgetsNeedViewer(UserRole)
    case viewerNeedsBudgets
    case exists(String)
    case unknown(String)
    case revoked(String)
    case readOnly

    public var description: String {
        switch self {
        case .invalidName(let name): return "\"\(name)\" is not a user name: use 1–\(UserName.lengthMax) of A-Z a-z 0-9 . _ @ -"
        case .invalidBudget(let budget): return "\"\(budget)\" is not a budget id: use 1–64 of A-Z a-z 0-9 . _ - (not . or ..)"
        case .budgetsNeedViewer(let role): return "--budgets is for viewers only: a \(role.rawValue) reads every budget"
        case .viewerNeedsBudgets: return "a viewer needs --budgets: the budgets they may read"
        case .exists(let name): return "there is already a user \"\(name)\" (rotate their token, or revoke it)"
        case .unknown(let name): return "there is no user \"\(name)\""
        case .revoked(let name): return "the user \"\(name)\" is revoked; add a user under a new name"
        case .readOnly: return "the ledger is open read-only: users cannot change"
        }
    }
}
