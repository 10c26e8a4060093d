import Foundation
import Testing
@testable import LedgerStore

/// Issue 6: a ledger written by a newer budget-ledger (its `format` is above
/// `Ledger.formatVersion`) is refused by every command, with exit 1, and left byte for byte as
/// it was: this build must not guess at a layout it does not know.
@Suite struct NewerFormatTests {
    @Test func everyCommandRefusesANewerLedgerAndWritesNothing() throws {
        let cli = CLIRunner()
        defer { cli.remove(expectingIntact: false) }
        try cli.run(["init"])
        try #require(try cli.run(["post"], input: SampleEvents.opening("B")).status == 0)
        try Self.setFormat(Ledger.formatVersion + 1, at: cli.ledger)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger + "/data.mdb"))
        let refusal = "error: the ledger was written in format 6 by a newer budget-ledger; this one reads format 5 at most\n"
        for command in [["post"], ["balances"], ["balance", "B"], ["audit", "B"], ["verify"], ["replay"], ["export"]] {
            let result = try cli.run(command, input: SampleEvents.opening("C"))
            #expect(result.status == 1, "\(command)")
            #expect(result.standardError == refusal, "\(command)")
        }
        let initAgain = try cli.run(["init"])
        #expect(initAgain.status == 1)
        #expect(initAgain.standardError == "error: a ledger already exists at \(cli.ledger)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger + "/data.mdb")) == before)
    }

    /// Writes the meta database's `format` key as a newer budget-ledger would; the ledger is
    /// closed again before the command line runs.
    static func setFormat(_ version: UInt32, at directory: String) throws {
        let ledger = try Ledger.open(at: directory)
        var format = ByteWriter()
        format.uint32(version)
        try ledger.write { txn in try txn.put(ledger.databases.meta, key: Array("format".utf8), value: format.bytes) }
    }
}
