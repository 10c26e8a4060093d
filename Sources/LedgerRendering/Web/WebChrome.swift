/// What every signed-in page shows of its user: who is signed in, what they may open, and the
/// session's CSRF token for the sign-out button (and every other form that changes something).
public struct WebChrome: Sendable {
    public let userName: String
    /// `finance`, `auditor` or `viewer` (SPEC 8.1).
    public let role: String
    public let csrfToken: String

    public init(userName: String, role: String, csrfToken: String) {
        self.userName = userName
        self.role = role
        self.csrfToken = csrfToken
    }

    /// Finance and auditors read the commissioner's report; viewers see only their budgets.
    public var mayReadReport: Bool { role != "viewer" }
    /// Finance and auditors may match a statement; only finance may record it.
    public var mayReconcile: Bool { role != "viewer" }
    public var mayPost: Bool { role == "finance" }

    /// The hidden field every changing form carries.
    var csrfField: String { "<input type=\"hidden\" name=\"csrf\" value=\"\(HTMLText.escape(csrfToken))\">" }
}
