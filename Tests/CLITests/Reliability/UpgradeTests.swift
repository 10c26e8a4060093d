import Foundation
import Testing

/// Issue 13: a ledger written in format 1 (the projection as one record per budget) by the
/// previous budget-ledger is refused with a message that says how to upgrade, and `upgrade`
/// rewrites it in place: the events, their canonical bytes and hashes stay as they were.
///
/// The fixtures under `Fixtures/format-1/` are `data.mdb` files written by the format-1 build
/// (commit 2246467), gzipped; see `Fixtures/README.md`.
@Suite struct UpgradeTests {
    static let refusal = "error: the ledger is in format 1, which this budget-ledger no longer reads: run `budget-ledger upgrade` to rewrite it in format 5 (in place; nothing is lost)\n"

    /// A runner whose ledger directory holds the named fixture of an older format.
    static func olderFormatLedger(_ name: String, format: Int = 1) throws -> CLIRunner {
        let cli = CLIRunner()
        try FileManager.default.createDirectory(atPath: cli.ledger, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let unpacked = try cli.runShell("gzip -dc \"$FIXTURE\" > \"$BUDGET_LEDGER_DIR/data.mdb\" && chmod 600 \"$BUDGET_LEDGER_DIR/data.mdb\"",
                                        environment: ["FIXTURE": CLIRunner.fixture("format-\(format)/\(name).data.mdb.gz")])
        try #require(unpacked.status == 0, "\(unpacked.standardError)")
        return cli
    }

    @Test func everyCommandRefusesAFormatOneLedgerSayingHowToUpgradeAndWritesNothing() throws {
        let cli = try Self.olderFormatLedger("year-2025-26")
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
        let cli = try Self.olderFormatLedger("year-2025-26")
        defer { cli.remove() }
        let upgraded = try cli.run(["upgrade"])
        #expect(upgraded.status == 0)
        #expect(upgraded.lines == ["upgraded from format 1 to format 5: 1167 events, 12 budget projections rebuilt"])
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
        #expect(again.lines == [#"{"from_format":5,"format":5,"events":1168,"budgets":13}"#])
    }

    @Test(arguments: [1, 2, 3, 4]) func upgradeKeepsEveryCanonicalByteAndHash(format: Int) throws {
        let cli = try Self.olderFormatLedger("escapes-and-every-type", format: format)
        defer { cli.remove() }
        #expect(try cli.run(["upgrade"]).status == 0)
        let golden = try String(contentsOfFile: CLIRunner.fixture("golden/escapes-and-every-type.export.jsonl"), encoding: .utf8)
        #expect(try cli.run(["export"]).standardOutput == golden)
        #expect(try cli.run(["verify"]).status == 0)
    }

    /// Format 2 kept a budget's events as keys of their own, which format 3 packs under the
    /// budget; formats 2 to 4 stored the dated totals (3 keyed by pot before window, 4 by window
    /// first), which format 5 folds from the events. The upgraded ledger answers exactly as one
    /// posted fresh in the current format from the same file, the audit trails (which walk the
    /// budget index) and the as-of views included.
    @Test(arguments: [2, 3, 4]) func upgradeFromAnOlderFormatAnswersAsAFreshLedger(format: Int) throws {
        let cli = try Self.olderFormatLedger("year-2025-26", format: format)
        defer { cli.remove() }
        let refused = try cli.run(["audit", "PHB-0005"])
        #expect(refused.status == 1)
        #expect(refused.standardError == Self.refusal.replacingOccurrences(of: "format 1", with: "format \(format)"))
        let upgraded = try cli.run(["upgrade"])
        #expect(upgraded.status == 0)
        #expect(upgraded.lines == ["upgraded from format \(format) to format 5: 1167 events, 12 budget projections rebuilt"])
        #expect(try cli.run(["verify"]).status == 0)

        let fresh = CLIRunner()
        defer { fresh.remove() }
        #expect(try fresh.run(["init"]).status == 0)
        #expect(try fresh.run(["post", CLIRunner.fixture("year-2025-26.jsonl")]).status == 0)
        for command in [["export"], ["balances", "--json"], ["audit", "PHB-0005", "--json"], ["audit", "PHB-0001"], ["digest"],
                        ["balances", "--json", "--as-of-date", "2025-09-30"], ["balance", "PHB-0005", "--json", "--as-of-date", "2025-12-31"]] {
            let answer = try cli.run(command)
            #expect(answer.status == 0, "\(command)")
            #expect(answer.standardOutput == (try fresh.run(command)).standardOutput, "\(command)")
        }
        // Posting after the upgrade extends the same budget's trail.
        #expect(try cli.run(["post"], input: SampleEvents.opening("PHB-NEW")).status == 0)
        let trail = try cli.run(["audit", "PHB-NEW"]).lines
        #expect(trail.count == 3 && trail[2].trimmingCharacters(in: .whitespaces).hasPrefix("1168    1  2025-04-01  budget_opened"), "\(trail)")
    }

    /// An event changed inside its stored bytes is found when upgrade rebuilds the projections,
    /// in its last commit: upgrade is refused (exit 5) and the ledger stays in its old format,
    /// refused as such, whatever its first commits added.
    @Test func anUpgradeOfAChangedEventIsRefusedAndTheLedgerStaysInItsOldFormat() throws {
        let cli = try Self.olderFormatLedger("year-2025-26", format: 2)
        defer { cli.remove(expectingIntact: false) }
        // PHB-0001's allocation changes amount in every copy of its bytes in the file.
        let path = cli.ledger + "/data.mdb"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let prefix = Data(#"{"id":"PHB-0001/2025-04-01/alloc-1","type":"allocation","budget":"PHB-0001","date":"2025-04-01","amount":""#.utf8)
        var changed = 0
        var from = bytes.startIndex
        while let range = bytes.range(of: prefix, in: from..<bytes.endIndex) {
            bytes[range.upperBound] = bytes[range.upperBound] == UInt8(ascii: "9") ? UInt8(ascii: "8") : bytes[range.upperBound] + 1
            changed += 1
            from = range.upperBound
        }
        try #require(changed > 0)
        try bytes.write(to: URL(fileURLWithPath: path))
        let upgrade = try cli.run(["upgrade", "--entries-per-commit", "100"])
        #expect(upgrade.status == 5)
        #expect(upgrade.standardError == #"error: upgrade refused: event seq 2 (id "PHB-0001/2025-04-01/alloc-1") stored bytes do not match its hash; the ledger is still in its old format (upgrade added only money effects and budget index entries derived from its events, which no older format reads)"# + "\n")
        let balances = try cli.run(["balances"])
        #expect(balances.status == 1)
        #expect(balances.standardError == Self.refusal.replacingOccurrences(of: "format 1", with: "format 2"))
    }
}
