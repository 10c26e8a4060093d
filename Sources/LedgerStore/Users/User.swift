import LedgerDomain

/// A user of the HTTP service, as the ledger keeps it: never the token, only its hash.
public struct User: Equatable, Sendable {
    public let name: String
    public let role: UserRole
    /// The budgets a viewer may read; empty for the other roles.
    public let budgets: [String]
    public let createdAt: Timestamp
    public var isRevoked: Bool
    /// SHA-256 of the current token.
    var tokenHash: [UInt8]

    /// May this user see the budget at all? Other roles see every budget.
    public func maySee(budget: String) -> Bool {
        role != .viewer || budgets.contains(budget)
    }

    /// The `users list --json` object (SPEC 8.1).
    public var listJSON: [UInt8] { json(withTokenHash: false) }

    /// The `users add --json` object: the new token, shown this once.
    public func addedJSON(token: String) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        User.writeIdentity(name: name, role: role, budgets: budgets, into: &writer)
        writer.field("token", token)
        writer.endObject()
        return writer.bytes
    }

    /// The stored record: the list form plus the token hash.
    var stored: [UInt8] { json(withTokenHash: true) }

    private func json(withTokenHash: Bool) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        User.writeIdentity(name: name, role: role, budgets: budgets, into: &writer)
        writer.field("created_at", createdAt)
        writer.key("revoked")
        writer.bool(isRevoked)
        if withTokenHash { writer.field("token_sha256", Hex.encode(tokenHash)) }
        writer.endObject()
        return writer.bytes
    }

    /// `"name","role","budgets"`: the start of every JSON form of a user and of their changes.
    static func writeIdentity(name: String, role: UserRole, budgets: [String], into writer: inout JSONWriter) {
        writer.field("name", name)
        writer.field("role", role.rawValue)
        writer.key("budgets")
        writer.beginArray()
        for budget in budgets { writer.string(budget) }
        writer.endArray()
    }

    init(name: String, role: UserRole, budgets: [String], createdAt: Timestamp, isRevoked: Bool, tokenHash: [UInt8]) {
        self.name = name
        self.role = role
        self.budgets = budgets
        self.createdAt = createdAt
        self.isRevoked = isRevoked
        self.tokenHash = tokenHash
    }

    /// Reads a stored record back. - Throws: `StoreError.damaged` when it is not one.
    init(stored bytes: [UInt8]) throws {
        let record = try StoredRecord(bytes, kind: "a user record")
        guard let name = record.text("name"), let role = record.text("role").flatMap(UserRole.init(rawValue:)),
              let budgets = record.texts("budgets"), let createdAt = record.text("created_at").flatMap(Timestamp.init(rfc3339:)),
              case .bool(let isRevoked) = record.fields["revoked"], let tokenHash = record.text("token_sha256").flatMap(Hex.decode) else {
            throw record.damaged
        }
        self.init(name: name, role: role, budgets: budgets, createdAt: createdAt, isRevoked: isRevoked, tokenHash: tokenHash)
    }
}

/// A stored JSON object of the users' databases, read back by field.
struct StoredRecord {
    let fields: [String: JSONValue]
    let damaged: StoreError

    init(_ bytes: [UInt8], kind: String) throws {
        damaged = StoreError.damaged("\(kind) cannot be read")
        guard case .object(let members) = try? JSONParser.parse(bytes) else { throw damaged }
        fields = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    func text(_ key: String) -> String? {
        guard case .string(let value) = fields[key] else { return nil }
        return value
    }

    func texts(_ key: String) -> [String]? {
        guard case .array(let values) = fields[key] else { return nil }
        var texts: [String] = []
        for value in values {
            guard case .string(let text) = value else { return nil }
            texts.append(text)
        }
        return texts
    }
}
