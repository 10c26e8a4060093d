import Foundation
import Testing

@Suite struct RoundTripTests {
    @Test func exportPostedIntoANewLedgerGivesByteIdenticalBalances() throws {
        let original = CLIRunner(), copy = CLIRunner()
        defer { original.remove(); copy.remove() }
        try original.run(["init"])
        #expect(try original.run(["post", CLIRunner.fixture("year-2025-26.jsonl")]).status == 0)
        let exported = try original.run(["export"])
        #expect(exported.lines.count == 1167)
        try copy.run(["init"])
        #expect(try copy.run(["post"], input: exported.standardOutput).status == 0)
        let balances = try original.run(["balances", "--json"]).standardOutput
        #expect(try copy.run(["balances", "--json"]).standardOutput == balances)
        let expected = try String(contentsOfFile: CLIRunner.fixture("expected/year-2025-26.balances.jsonl"), encoding: .utf8)
        #expect(balances == expected)
        #expect(try copy.run(["verify"]).status == 0)
        #expect(try copy.run(["replay"]).status == 0)
        #expect(try copy.run(["balances", "--json"]).standardOutput == balances)
    }

    @Test func verifyReportsAFlippedByteInAStoredEventWithExitFive() throws {
        let cli = CLIRunner()
        defer { cli.remove(expectingIntact: false) }
        try cli.run(["init"])
        try cli.run(["post"], input: ContractOutputTests.events)
        let ok = try cli.run(["verify"])
        #expect(ok.status == 0)
        #expect(ok.lines == ["hash chain: ok (9 events)", "projections: ok (1 budgets match a replay)"])
        // Change "Okafor" to "Okafar" inside the stored bytes of event p2 (seq 7).
        let path = cli.ledger + "/data.mdb"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let needle = Data("PA J. Okafor".utf8)
        let range = try #require(bytes.range(of: needle))
        bytes[range.upperBound - 2] = UInt8(ascii: "a")
        try bytes.write(to: URL(fileURLWithPath: path))
        let damaged = try cli.run(["verify"])
        #expect(damaged.status == 5)
        #expect(damaged.lines == [#"hash chain: MISMATCH at event seq 7 (id "p2") stored bytes do not match its hash"#])
    }

    @Test func demoRunsOnTheShippedFixtures() throws {
        let demo = try CLIRunner().run(["demo", "--fixtures", CLIRunner.fixture("")])
        #expect(demo.status == 0)
        #expect(demo.standardOutput.contains("accepted 1167, duplicates 0, rejected 0, written 1167"))
        #expect(demo.standardOutput.contains("accepted 0, duplicates 1167, rejected 0, written 0"))
        #expect(demo.standardOutput.contains("hash chain: ok (1167 events)\nprojections: ok (12 budgets match a replay)"))
        #expect(demo.standardOutput.contains("… and 1157 more duplicates (--json lists every line)"))
        #expect(demo.standardOutput.contains("variance                                          -207.97"))
        #expect(demo.standardOutput.contains("budgets open in the period: 12 (notional 2, third_party 2, direct_payment 3, mixed 5)"))
        // SPEC 9: each new command once, on the care-plan layer (figures from careplan_model.py).
        #expect(demo.standardOutput.contains("accepted 108, duplicates 0, rejected 0, written 108"))
        #expect(demo.standardOutput.contains("instalments due by 2026-04-30 and not yet in the ledger: 10, 7200.00"))
        #expect(demo.standardOutput.contains("accepted 10, duplicates 0, rejected 0, written 10"))
        #expect(demo.standardOutput.contains("reviews due by 2026-03-31: 3"))
        #expect(demo.standardOutput.contains("repayment requests on 2026-04-30: 4, 1 overdue"))
        #expect(demo.standardOutput.contains("budgets in place at 2026-03-31: 15 (notional 3, third_party 3, direct_payment 4, mixed 5)"))
        #expect(demo.standardOutput.contains("planned 19000.00 of 34500.00 allocated"))
    }
}
