import Foundation
import Testing
@testable import LedgerStore

/// Issue 9: what the store refuses, through the real executable, and that a refusal writes
/// nothing: a clock far behind the chain, a replay of a tampered chain, an init over a damaged
/// ledger, a format no build wrote.
@Suite struct LedgerRefusalTests {
    private static func dataFile(_ cli: CLIRunner) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: cli.ledger + "/data.mdb")) }

    @Test func theReleasedBuildRefusesAPinnedClockAndWritesNothing() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let refused = try cli.run(["post"], input: SampleEvents.opening("A") + "\n", executable: CLIRunner.releasedExecutable)
        #expect(refused.status == 2)
        #expect(refused.standardError == "error: $BUDGET_LEDGER_NOW is honoured only by the test build budget-ledger-testing; budget-ledger records the real time (unset the variable)\n")
        #expect(try cli.run(["export"]).standardOutput.isEmpty)
        // Unset, the released build records the wall clock.
        let posted = try cli.run(["post"], input: SampleEvents.opening("A") + "\n", environment: ["BUDGET_LEDGER_NOW": ""],
                                 executable: CLIRunner.releasedExecutable)
        #expect(posted.status == 0)
    }

    @Test func aClockMoreThanFiveMinutesBehindTheChainIsRefused() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try #require(try cli.run(["post"], input: SampleEvents.opening("A") + "\n", environment: ["BUDGET_LEDGER_NOW": "2026-04-02T09:30:00Z"]).status == 0)
        let before = try cli.run(["export"]).standardOutput
        let behind = try cli.run(["post"], input: SampleEvents.opening("B") + "\n", environment: ["BUDGET_LEDGER_NOW": "2026-04-02T09:24:59.999Z"])
        #expect(behind.status == 1)
        #expect(behind.standardError == "error: the clock says 2026-04-02T09:24:59.999Z, more than 5 minutes before the latest recorded time 2026-04-02T09:30:00.000Z; nothing was written: set the clock right and post again\n")
        #expect(try cli.run(["export"]).standardOutput == before)
        // Five minutes behind exactly records the latest time again.
        let within = try cli.run(["post"], input: SampleEvents.opening("B") + "\n", environment: ["BUDGET_LEDGER_NOW": "2026-04-02T09:25:00Z"])
        #expect(within.status == 0)
        #expect(try cli.run(["export"]).standardOutput.contains(#""id":"B","#))
        #expect(try cli.run(["audit", "B", "--json"]).standardOutput.contains(#""recorded_at":"2026-04-02T09:30:00.000Z""#))
    }

    @Test func replayOfATamperedChainIsRefusedWithExitFiveAndWritesNothing() throws {
        let cli = CLIRunner()
        defer { cli.remove(expectingIntact: false) }
        try cli.run(["init"])
        try cli.run(["post"], input: ContractOutputTests.events)
        // The amount of payment p2 (seq 7) goes from 50.00 to 90.00 inside its stored bytes.
        var bytes = try Self.dataFile(cli)
        let range = try #require(bytes.range(of: Data(#""amount":"50.00""#.utf8)))
        bytes[range.lowerBound + 10] = UInt8(ascii: "9")
        try bytes.write(to: URL(fileURLWithPath: cli.ledger + "/data.mdb"))
        let replay = try cli.run(["replay"])
        #expect(replay.status == 5)
        #expect(replay.standardError == #"error: replay refused: event seq 7 (id "p2") stored bytes do not match its hash; nothing was written (verify names every mismatch)"# + "\n")
        #expect(replay.standardOutput.isEmpty)
        #expect(try Self.dataFile(cli) == bytes)
    }

    @Test func initRefusesALedgerThatLostItsFormatRecordAndKeepsItsChainTip() throws {
        let cli = CLIRunner()
        defer { cli.remove(expectingIntact: false) }
        try cli.run(["init"])
        try cli.run(["post"], input: ContractOutputTests.events)
        do {
            let ledger = try Ledger.open(at: cli.ledger)
            try ledger.write { txn in _ = try txn.delete(ledger.databases.meta, key: Array("format".utf8)) }
        }
        let before = try Self.dataFile(cli)
        let again = try cli.run(["init"])
        #expect(again.status == 1)
        #expect(again.standardError == "error: a ledger already exists at \(cli.ledger)\n")
        #expect(try Self.dataFile(cli) == before)
    }

    @Test func formatZeroIsRefusedByEveryCommand() throws {
        let cli = CLIRunner()
        defer { cli.remove(expectingIntact: false) }
        try cli.run(["init"])
        try NewerFormatTests.setFormat(0, at: cli.ledger)
        let before = try Self.dataFile(cli)
        for command in [["balances"], ["verify"], ["post"], ["export"]] {
            let result = try cli.run(command, input: SampleEvents.opening("A") + "\n")
            #expect(result.status == 1, "\(command)")
            #expect(result.standardError == "error: the ledger's format number 0 was never written by budget-ledger\n", "\(command)")
        }
        #expect(try cli.run(["init"]).status == 1)
        #expect(try Self.dataFile(cli) == before)
    }
}
