import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 13: a `post` that lands in several commits and dies between two of them (SIGKILL, at
/// the instant the test build is told to: `$BUDGET_LEDGER_KILL_AFTER_IMPORT_COMMIT`) leaves the
/// ledger every command reads exactly as it was before the file; the next writer rolls the
/// dead import's commits back, so the file then posts whole, with no false duplicates.
@Suite struct ImportCrashTests {
    static let linesPerCommit = "100"

    /// What every reading command prints, exit statuses included.
    static func seen(_ cli: CLIRunner) throws -> [String] {
        try [["balances", "--json"], ["export"], ["verify", "--json"], ["audit", "PHB-0005"], ["balance", "PHB-0009"]].map { arguments in
            let result = try cli.run(arguments)
            return "\(arguments.joined(separator: " ")): exit \(result.status)\n\(result.standardOutput)\(result.standardError)"
        }
    }

    /// The year's first 100 events in the ledger, the rest (1,067 lines: 11 commits of 100) in a file.
    static func ledgerWithTheYearBegun() throws -> (cli: CLIRunner, rest: String) {
        let lines = try String(contentsOfFile: CLIRunner.fixture("year-2025-26.jsonl"), encoding: .utf8).split(separator: "\n")
        let cli = CLIRunner()
        try #require(try cli.run(["init"]).status == 0)
        try #require(try cli.run(["post"], input: lines.prefix(100).joined(separator: "\n") + "\n").status == 0)
        let rest = TemporaryFiles.path("rest") + ".jsonl"
        try Data((lines.dropFirst(100).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: rest))
        return (cli, rest)
    }

    @Test(arguments: [1, 5, 10])
    func aPostKilledBetweenTwoCommitsLeavesNothingOfTheFileVisible(afterCommit commit: Int) throws {
        let (cli, rest) = try Self.ledgerWithTheYearBegun()
        defer { cli.remove(); unlink(rest) }
        let before = try Self.seen(cli)
        let killed = try cli.run(["post", "--lines-per-commit", Self.linesPerCommit, rest],
                                 environment: ["BUDGET_LEDGER_KILL_AFTER_IMPORT_COMMIT": "\(commit)"])
        #expect(killed.status == SIGKILL, "\(killed.standardError)")
        #expect(try Self.seen(cli) == before)

        // The next writer rolls the dead import back first: the file lands whole, none of it a duplicate.
        let again = try cli.run(["post", "--lines-per-commit", Self.linesPerCommit, rest])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.hasSuffix("accepted 1067, duplicates 0, rejected 0, written 1067\n"))
        let balances = try cli.run(["balances", "--json"])
        #expect(balances.standardOutput == (try String(contentsOfFile: CLIRunner.fixture("expected/year-2025-26.balances.jsonl"), encoding: .utf8)))
        #expect(try cli.run(["verify"]).standardOutput == "hash chain: ok (1167 events)\nprojections: ok (12 budgets match a replay)\n")
    }

    /// Any writing command rolls a dead import back before it writes, `replay` included.
    @Test func replayAfterAKilledImportRebuildsTheLedgerAsItWasBeforeTheFile() throws {
        let (cli, rest) = try Self.ledgerWithTheYearBegun()
        defer { cli.remove(); unlink(rest) }
        let before = try Self.seen(cli)
        let killed = try cli.run(["post", "--lines-per-commit", Self.linesPerCommit, rest],
                                 environment: ["BUDGET_LEDGER_KILL_AFTER_IMPORT_COMMIT": "3"])
        #expect(killed.status == SIGKILL)
        let replay = try cli.run(["replay"])
        #expect(replay.status == 0, "\(replay.standardError)")
        #expect(try Self.seen(cli) == before)
    }
}
