import Foundation
import Testing
import LedgerApplication
import LedgerDomain
@testable import LedgerStore

/// The canonical bytes and the hash chain are the ledger's contract with auditors: these
/// golden values were written by the engine before its posting path was optimised (commit
/// 37d7600), so any change to how events are encoded or hashed fails here.
@Suite struct GoldenChainTests {
    @Test func trickyEventsExportByteForByteAsTheyAlwaysHave() throws {
        let test = try TestLedger()
        let report = try test.post(file: Fixtures.folder + "/golden/escapes-and-every-type.jsonl")
        #expect(report.written == 29)
        #expect(try test.exportText() == Fixtures.text("golden/escapes-and-every-type.export.jsonl"))
    }

    @Test func theFixtureYearEndsOnTheSameChainHash() throws {
        let test = try TestLedger()
        try test.post(file: Fixtures.year)
        let digest = try test.ledger.digest()
        #expect(digest.chainHash == "b6419093349a3203b1f305f552302f0de006bbf46bc7afcf9d11e3daa0fc3a69")
        #expect(digest.balancesSHA256 == "6541f25565c94a222cf68c5c9b34d38fcad21ff19ca2a026d2dc51791ff172c7")
    }

    @Test func typedEventsPostedThroughTheAPIChainLikeTheirLines() throws {
        let lines = try Fixtures.text("golden/escapes-and-every-type.jsonl").split(separator: "\n").map { Array($0.utf8) }
        let events = lines.map { line -> Event in
            guard case .success(let event) = EventDecoder.decode(line: line) else { preconditionFailure("a golden line decodes") }
            return event
        }
        let test = try TestLedger()
        let report = try test.ledger.post(events: events, clock: TestLedger.fixedClock)
        #expect(report.written == 29)
        #expect(try test.exportText() == Fixtures.text("golden/escapes-and-every-type.export.jsonl"))
    }
}
