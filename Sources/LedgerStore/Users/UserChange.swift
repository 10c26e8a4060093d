import LedgerDomain

/// One entry of the users' own history (`users log`, SPEC 8.1): who changed what, when.
/// Kept apart from the budgets' event chain, which records money only.
public struct UserChange: Equatable, Sendable {
    public enum Action: String, Sendable {
        case add, revoke, rotate
    }

    /// 1-based, in the order the changes were made.
    public let seq: UInt64
    public let at: Timestamp
    /// The operating-system user who ran the command.
    public let by: String
    public let action: Action
    public let name: String
    public let role: UserRole
    public let budgets: [String]

    /// The `users log --json` object.
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("seq", seq)
        writer.field("at", at)
        writer.field("by", by)
        writer.field("action", action.rawValue)
        User.writeIdentity(name: name, role: role, budgets: budgets, into: &writer)
        writer.endObject()
        return writer.bytes
    }

    init(seq: UInt64, at: Timestamp, by: String, action: Action, user: User) {
        self.seq = seq
        self.at = at
        self.by = by
        self.action = action
        name = user.name
        role = user.role
        budgets = user.budgets
    }

    /// Reads a stored entry (its `json`) back.
    init(stored bytes: [UInt8]) throws {
        let record = try StoredRecord(bytes, kind: "an entry of the users' history")
        guard case .number(let seqText) = record.fields["seq"], let seq = UInt64(seqText),
              let at = record.text("at").flatMap(Timestamp.init(rfc3339:)), let by = record.text("by"),
              let action = record.text("action").flatMap(Action.init(rawValue:)), let name = record.text("name"),
              let role = record.text("role").flatMap(UserRole.init(rawValue:)), let budgets = record.texts("budgets") else {
            throw record.damaged
        }
        self.seq = seq
        self.at = at
        self.by = by
        self.action = action
        self.name = name
        self.role = role
        self.budgets = budgets
    }
}
