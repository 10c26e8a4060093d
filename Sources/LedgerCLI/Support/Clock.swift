import Foundation
import LedgerDomain
import LedgerStore

/// The time recorded on appended events. `$BUDGET_LEDGER_NOW` pins it (RFC 3339) so that demos
/// and tests produce the same hashes every run; unset, it is the wall clock.
enum Clock {
    static func fromEnvironment() throws -> () -> Timestamp {
        guard let text = ProcessInfo.processInfo.environment["BUDGET_LEDGER_NOW"], !text.isEmpty else { return Timestamp.now }
        guard let fixed = Timestamp(rfc3339: text) else {
            throw CommandFailure(status: .usage, message: "error: $BUDGET_LEDGER_NOW \"\(text)\" is not an RFC 3339 time")
        }
        return { fixed }
    }
}
