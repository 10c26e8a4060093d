import Foundation
import LedgerDomain
import LedgerStore

/// The time recorded on appended events: the wall clock (SPEC 4.4).
///
/// `$BUDGET_LEDGER_NOW` (RFC 3339) pins it so that tests produce the same hashes every run, but
/// only in the test build, `budget-ledger-testing`, whose name says what it is. `budget-ledger`
/// refuses to post while the variable is set, rather than record a time someone chose or
/// silently ignore a setting the user believes in.
enum Clock {
    static func fromEnvironment() throws -> () -> Timestamp {
        guard let text = ProcessInfo.processInfo.environment["BUDGET_LEDGER_NOW"], !text.isEmpty else { return Timestamp.now }
        guard TestSwitches.areEnabled else {
            throw CommandFailure(status: .usage, message: "error: $BUDGET_LEDGER_NOW is honoured only by the test build budget-ledger-testing; budget-ledger records the real time (unset the variable)")
        }
        guard let fixed = Timestamp(rfc3339: text) else {
            throw CommandFailure(status: .usage, message: "error: $BUDGET_LEDGER_NOW \"\(text)\" is not an RFC 3339 time")
        }
        return { fixed }
    }
}
