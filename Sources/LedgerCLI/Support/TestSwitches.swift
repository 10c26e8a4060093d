import Foundation
import LedgerStore

/// Whether this process is the test build, `budget-ledger-testing`, which honours the switches
/// that tests need and real use must not have: `$BUDGET_LEDGER_NOW` (a pinned clock, see
/// `Clock`) and `$BUDGET_LEDGER_STDIN_MAX` (a small cap on the copy of standard input).
enum TestSwitches {
    /// Set once by `BudgetLedgerCommand.runAndExit(testBuild:)` before any command is parsed or
    /// any thread started, and only read afterwards.
    nonisolated(unsafe) static var areEnabled = false

    /// The most copied from standard input: `InputFile.copyBytesMax`, or in the test build
    /// `$BUDGET_LEDGER_STDIN_MAX` bytes when set (the real cap is gigabytes).
    static func standardInputBytesMax() throws -> Int {
        guard areEnabled, let text = ProcessInfo.processInfo.environment["BUDGET_LEDGER_STDIN_MAX"], !text.isEmpty else {
            return InputFile.copyBytesMax
        }
        guard let bytes = Int(text), bytes > 0 else {
            throw CommandFailure(status: .usage, message: "error: $BUDGET_LEDGER_STDIN_MAX \"\(text)\" is not a number of bytes")
        }
        return bytes
    }
}
