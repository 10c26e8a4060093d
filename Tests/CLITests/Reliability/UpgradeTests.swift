import Foundation
import Testing

/// Issue 13: a ledger written in format 1 (the projection as one record per budget) by the
/// previous budget-ledger is refused with a message that says how to upgrade, and `upgrade`
/// rewrites it in place: the events, their canonical bytes and hashes stay as they were.
///
/// The fixtures under `Fixtures/format-1/` are `data.mdb` files written by the format-1 build
/// (commit 2246467), gzipped; see `Fixtures/README.md`.
@Suite struct UpgradeTests {
    static let refusal = "error: the ledger is in format 1, which this budget-ledger no longer reads: run `budget-ledger upgrade` to rewrite it in format 2 (in place; nothing is lost)\n"

    /// A runner whose ledger directory holds the named format-1 fixture.
    static func formatOneLedger(_ name: String) throws -> CLIRunner {
        let cli = CLIRunner()
        try FileManager.default.createDirectory(atPath: cli.ledger, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let unpacked = try cli.runShell("gzip -dc \"$FIXTURE\" > \"$BUDGET_LEDGER_DIR/data.mdb\" && chmod 600 \"$BUDGET_LEDGER_DIR/data.mdb\"",
                                        environment: ["FIXTURE": CLIRunner.fixture("format-1/\(name).data.mdb.gz")])
        try #require(unpacked.status == 0, "\(unpacked.standardError)")
        return cli
    }

    @Test func everyCommandRefusesAFormatOneLedgerSayingHowToUpgradeAndWritesNothing() throws {
        let cli = try Self.formatOneLedger("year-2025-26")
        defer { cli.remove(expectingIntact: false) }
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger + "/data.mdb"))
        for command in [["post"], ["balances"], ["balance", "PHB-0001"], ["audit", "PHB-0001"], ["verify"], ["replay"], ["export"], ["digest"]] {
            let result = try cli.run(command, input: SampleEvents.opening("C"))
            #expect(result.status == 1, "\(command)")
            #expect(result.standardError == Self.refusal, "\(command)")
        }
        let initAgain = try cli.run(["init"])
        #expect(initAgain.status == 1)
        #expect(initAgain.standardError == "error: a ledger already exists at \(cli.ledger)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger + "/data.mdb")) == before)
    }

    @Test func upgradeRewritesTheYearInPlaceAndItsBalancesAreTheModels() throws {
        let cli = try Self.formatOneLedger("year-2025-26")
        defer { cli.remove() }
        let upgraded = try cli.run(["upgrade"])
        #expect(upgraded.status == 0)
        #expect(upgraded.lines == ["upgraded from format 1 to format 2: 1167 events, 12 budget projections rebuilt"])
        #expect(try cli.run(["verify"]).status == 0)
        let expected = try String(contentsOfFile: CLIRunner.fixture("expected/year-2025-26.balances.jsonl"), encoding: .utf8)
        #expect(try cli.run(["balances", "--json"]).standardOutput == expected)
        // verify checked every money effect upgrade derived; replay folds from them alone.
        #expect(try cli.run(["replay"]).status == 0)
        #expect(try cli.run(["balances", "--json"]).standardOutput == expected)
        #expect(try cli.run(["verify"]).status == 0)
        // Upgraded, it posts like any other ledger (and `remove` verifies it again).
        #expect(try cli.run(["post"], input: SampleEvents.opening("PHB-NEW")).status == 0)
        let again = try cli.run(["upgrade", "--json"])
        #expect(again.status == 0)
        #expect(again.lines == [#"{"from_format":2,"format":2,"events":1168,"budgets":13}"#])
    }

    @Test func upgradeKeepsEveryCanonicalByteAndHash() throws {
        let cli = try Self.formatOneLedger("escapes-and-every-type")
        defer { cli.remove() }
        #expect(try cli.run(["upgrade"]).status == 0)
        let golden = try String(contentsOfFile: CLIRunner.fixture("golden/escapes-and-every-type.export.jsonl"), encoding: .utf8)
        #expect(try cli.run(["export"]).standardOutput == golden)
        #expect(try cli.run(["verify"]).status == 0)
    }
}
