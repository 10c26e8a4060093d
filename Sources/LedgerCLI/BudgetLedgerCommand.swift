import ArgumentParser
import Foundation

/// The `budget-ledger` command line (SPEC 6).
public struct BudgetLedgerCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "budget-ledger",
        abstract: "An event-sourced ledger for NHS personal health budgets.",
        discussion: "Exit codes: 0 success; 1 operational failure; 2 usage error; 3 events rejected; 5 verify found a mismatch.",
        subcommands: [InitCommand.self, PostCommand.self, BalanceCommand.self, BalancesCommand.self, AuditCommand.self,
                      ReconcileCommand.self, ReportCommand.self, VerifyCommand.self, ReplayCommand.self, ExportCommand.self,
                      DigestCommand.self, BackupCommand.self, DemoCommand.self, BenchCommand.self,
                      DueCommand.self, PlanCommand.self, ReviewsCommand.self, RepaymentsCommand.self, UpgradeCommand.self,
                      ServeCommand.self, UsersCommand.self])

    public init() {}

    /// Runs the command line and exits with the SPEC 6 exit codes (usage errors are 2, not 64).
    /// - Parameter testBuild: true only in `budget-ledger-testing`, the build that honours the
    ///   test switches (a pinned clock); `budget-ledger` refuses them.
    public static func runAndExit(testBuild: Bool = false) -> Never {
        TestSwitches.areEnabled = testBuild
        do {
            var command = try parseAsRoot()
            try command.run()
            Output.standard.flush()
            Foundation.exit(ExitStatus.success.rawValue)
        } catch let failure as CommandFailure {
            Output.standard.flush()
            if let message = failure.message { StandardError.line(message) }
            Foundation.exit(failure.status.rawValue)
        } catch {
            Output.standard.flush()
            let code = exitCode(for: error)
            if code == .success { self.exit(withError: error) }  // --help, --version
            StandardError.line(fullMessage(for: error))
            Foundation.exit(code == .validationFailure ? ExitStatus.usage.rawValue : ExitStatus.operationalFailure.rawValue)
        }
    }
}
