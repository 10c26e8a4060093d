import Foundation
@_spi(Testing) import LedgerStore

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

    /// In the test build, `$BUDGET_LEDGER_KILL_AFTER_IMPORT_COMMIT=N` makes `post` kill itself
    /// (SIGKILL, as a crash or `kill -9` would) right after the Nth commit of an import in
    /// several commits: the crash tests need that instant exactly, not by chance.
    static func killAfterImportCommit(_ ledger: Ledger) throws {
        guard areEnabled, let text = ProcessInfo.processInfo.environment["BUDGET_LEDGER_KILL_AFTER_IMPORT_COMMIT"], !text.isEmpty else {
            return
        }
        guard let commit = Int(text), commit > 0 else {
            throw CommandFailure(status: .usage, message: "error: $BUDGET_LEDGER_KILL_AFTER_IMPORT_COMMIT \"\(text)\" is not a commit number")
        }
        ledger.importCommitObserver = { if $0 == commit { kill(getpid(), SIGKILL) } }
    }

    /// In the test build, `$BUDGET_LEDGER_HOLD_WHOLE_LEDGER_WORK=DIR` makes `serve` hold each
    /// whole-ledger job (a verify, a view as of an earlier state) at its start until the test
    /// lets it go (see `WholeLedgerHold`): the tests of the server's lanes need jobs that stay
    /// running, not ones that happen to be slow.
    static func wholeLedgerWorkHold() -> String? {
        guard areEnabled, let directory = ProcessInfo.processInfo.environment["BUDGET_LEDGER_HOLD_WHOLE_LEDGER_WORK"],
              !directory.isEmpty else { return nil }
        return directory
    }
}
