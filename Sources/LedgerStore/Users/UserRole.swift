/// What a user of the HTTP service may do (SPEC 8.1).
public enum UserRole: String, Sendable, CaseIterable {
    /// Everything an auditor may, and post events and reconciliations.
    case finance
    /// Reads every budget, report, digest, export and the event stream, and runs verify; posts nothing.
    case auditor
    /// Reads only the budgets named for it (balance and audit); nothing else.
    case viewer
}
