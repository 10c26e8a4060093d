import Foundation
import Testing

/// SPEC 6: 0 success; 1 operational failure; 2 usage error; 3 rejected; 5 verify mismatch.
@Suite struct ExitCodeTests {
    @Test func aSecondInitIsAnOperationalFailure() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        #expect(try cli.run(["init"]).status == 0)
        let second = try cli.run(["init"])
        #expect(second.status == 1)
        #expect(second.standardError.contains("a ledger already exists at \(cli.ledger)"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        #expect(try cli.run(["balance"]).status == 2)
        #expect(try cli.run(["post", "--no-such-flag"]).status == 2)
        #expect(try cli.run(["balances", "--as-of-date", "2025-02-30"]).status == 2)
        #expect(try cli.run(["frobnicate"]).status == 2)
    }

    @Test func aMissingLedgerOrBudgetIsAnOperationalFailure() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        let missing = try cli.run(["balances"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no ledger at"))
        try cli.run(["init"])
        #expect(try cli.run(["balance", "PHB-404"]).status == 1)
        #expect(try cli.run(["post", "/nonexistent/file.jsonl"]).status == 1)
    }

    @Test func theLedgerOptionWinsOverTheEnvironment() throws {
        let cli = CLIRunner(), other = CLIRunner()
        defer { cli.remove(); other.remove() }
        #expect(try cli.run(["init", "--ledger", other.ledger]).status == 0)
        #expect(FileManager.default.fileExists(atPath: other.ledger + "/data.mdb"))
        #expect(!FileManager.default.fileExists(atPath: cli.ledger))
    }

    @Test func helpListsEveryCommandAndExitsWithZero() throws {
        let help = try CLIRunner().run(["--help"])
        #expect(help.status == 0)
        for command in ["init", "post", "balance", "balances", "audit", "verify", "replay", "export", "demo"] {
            #expect(help.standardOutput.contains("  \(command) "), "help lacks \(command)")
        }
    }
}
