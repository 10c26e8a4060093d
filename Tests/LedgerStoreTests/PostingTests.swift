import Foundation
import Testing
import LedgerDomain
@testable import LedgerStore

@Suite struct PostingTests {
    static let opening = #"{"id":"o1","type":"budget_opened","budget":"PHB-1","date":"2025-04-01","person":"P-9","holding_model":"direct_payment","period_start":"2025-04-01","period_end":"2026-03-31"}"#
    static let allocation = #"{"id":"a1","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1200"}"#
    static let transfer = #"{"id":"t1","type":"direct_payment_transfer","budget":"PHB-1","date":"2025-04-02","amount":"400"}"#
    static let overspend = #"{"id":"p1","type":"payment","budget":"PHB-1","date":"2025-04-09","payee":"PA J. Okafor","category":"personal_care","amount":"400.01"}"#

    @Test func aFileWithOneRejectedEventWritesNothingAndListsTheRejection() throws {
        let test = try TestLedger()
        let report = try test.post([Self.opening, Self.allocation, Self.transfer, Self.overspend].joined(separator: "\n"))
        #expect(report.accepted == 3)
        #expect(report.rejected == 1)
        #expect(report.written == 0)
        #expect(report.results.last == LineResult(line: 4, id: "p1", status: .rejected, seq: nil,
            rejection: Rejection(.insufficientFunds, "not enough money: held of the direct_payment pot is 400.00 and would become -0.01")))
        #expect(report.results.allSatisfy { $0.seq == nil })
        #expect(try test.ledger.eventCount() == 0)
        #expect(try test.balancesJSON() == "")
    }

    @Test func partialWritesTheAcceptedEventsWithGapFreeSeqs() throws {
        let test = try TestLedger()
        let report = try test.post([Self.opening, Self.overspend, Self.allocation, Self.transfer].joined(separator: "\n"), mode: .partial)
        #expect(report.written == 3)
        #expect(report.results.map(\.seq) == [1, nil, 2, 3])
        #expect(report.results[1].rejection?.code == .insufficientFunds)
        let state = try #require(try test.ledger.budgetState("PHB-1"))
        #expect(state.version == 3)
        #expect(state.pots[0].held == Money(pence: 40_000))
        #expect(state.pots[0].available == Money(pence: 80_000))
    }

    /// A line that is not accepted leaves its id unrecorded, in the same batch and after it:
    /// here the refused overspend's id `p1` is taken by the next line, an allocation, which is
    /// accepted (not an id conflict), and then the overspend as posted first is a conflict with
    /// it; a repeat of the allocation is a duplicate of it. Every path: lines, and typed events.
    @Test(arguments: [false, true])
    func aRefusedLineLeavesItsIDFreeForTheNextLine(typed: Bool) throws {
        let test = try TestLedger()
        let reuse = #"{"id":"p1","type":"allocation","budget":"PHB-1","date":"2025-04-10","amount":"5"}"#
        let lines = [Self.opening, Self.allocation, Self.transfer, Self.overspend, reuse, Self.overspend, reuse]
        let report: PostReport
        if typed {
            report = try test.ledger.post(events: lines.map(TestLedger.typed), mode: .partial, clock: TestLedger.fixedClock)
        } else {
            report = try test.post(lines.joined(separator: "\n"), mode: .partial)
        }
        #expect(report.results.map(\.status) == [.accepted, .accepted, .accepted, .rejected, .accepted, .rejected, .duplicate])
        #expect(report.results.map(\.seq) == [1, 2, 3, nil, 4, nil, nil])
        #expect(report.results[3].rejection?.code == .insufficientFunds)
        #expect(report.results[5].rejection?.code == .idConflict)
        let state = try #require(try test.ledger.budgetState("PHB-1"))
        #expect(state.version == 4)
        #expect(state.pots[0].allocated == Money(pence: 1_205_00))
        // The id index lists exactly the four events recorded.
        #expect(try test.ledger.verify().isIntact)
        let again = try test.post(Self.overspend, mode: .partial)
        #expect(again.results.first?.rejection?.code == .idConflict)
        #expect(try test.ledger.eventCount() == 4)
    }

    /// Refused lines cost no room in a ledger with no events yet: an id is claimed before the
    /// rules run only once the id index has an entry, because giving back the only entry of an
    /// index frees its root page, a page for each refused line (claiming from the first line,
    /// these 3,000 refused lines grew the map by 3,007 pages; with the rule, by 1).
    @Test func refusedLinesOnAnEmptyLedgerTakeNoRoom() throws {
        let test = try TestLedger()
        let before = try test.ledger.usedMapBytes()
        let refused = (1...3_000).map { #"{"id":"a\#($0)","type":"allocation","budget":"PHB-9","date":"2025-04-01","amount":"5"}"# }
        let report = try test.post(refused.joined(separator: "\n"), mode: .partial)
        #expect(report.rejected == 3_000 && report.written == 0)
        #expect(try test.ledger.usedMapBytes() - before < 64 * 4_096)
    }

    @Test func eachEventIsCheckedAgainstTheLedgerAsItStandsAfterTheEventsBeforeIt() throws {
        let test = try TestLedger()
        // The payment fits only because the transfer two lines earlier in the same file landed first.
        let payment = #"{"id":"p2","type":"payment","budget":"PHB-1","date":"2025-04-09","payee":"PA","category":"personal_care","amount":"400"}"#
        let report = try test.post([Self.opening, Self.allocation, Self.transfer, payment].joined(separator: "\n"))
        #expect(report.written == 4)
        #expect(try test.ledger.budgetState("PHB-1")?.pots[0].held == .zero)
    }

    @Test func aDuplicateWithinOneFileIsReportedAsSuch() throws {
        let test = try TestLedger()
        let sameAgain = #"{"id":"a1","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1200.00","seq":99}"#
        let report = try test.post([Self.opening, Self.allocation, sameAgain].joined(separator: "\n"))
        #expect(report.results.map(\.status) == [.accepted, .accepted, .duplicate])
        #expect(report.written == 2)
    }

    @Test func blankLinesAreIgnoredButCountedInLineNumbers() throws {
        let test = try TestLedger()
        let report = try test.post([Self.opening, "", "   ", Self.overspend].joined(separator: "\n"))
        #expect(report.results.map(\.line) == [1, 4])
    }

    @Test func theChainHashCoversThePreviousHashAndTheCanonicalBytes() throws {
        let test = try TestLedger()
        try test.post([Self.opening, Self.allocation].joined(separator: "\n"))
        var stored: [StoredEvent] = []
        try test.ledger.export { stored.append($0) }
        #expect(stored.count == 2)
        #expect(stored[0].hash == ChainHasher.hash(previous: [UInt8](repeating: 0, count: 32), canonicalBytes: stored[0].canonicalBytes))
        #expect(stored[1].hash == ChainHasher.hash(previous: stored[0].hash, canonicalBytes: stored[1].canonicalBytes))
        #expect(String(decoding: stored[1].canonicalBytes, as: UTF8.self)
            == #"{"id":"a1","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1200.00","seq":2,"version":2,"recorded_at":"2026-04-02T09:30:00.000Z"}"#)
    }

    /// SPEC 4.4 (amended): a clock up to 5 minutes behind records the latest time again; further
    /// behind, the post is refused and writes nothing (it used to record the latest time for any
    /// clock, a month behind included).
    @Test func recordedTimeNeverGoesBackwardsAlongTheChain() throws {
        let test = try TestLedger()
        #expect(try test.ledger.post(clock: { Timestamp(rfc3339: "2026-05-01T12:00:00Z")! }) { ArrayLineSource(text: Self.opening) }.written == 1)
        #expect(throws: StoreError.clockBehind(clock: Timestamp(rfc3339: "2026-04-01T12:00:00Z")!,
                                               latestRecorded: Timestamp(rfc3339: "2026-05-01T12:00:00Z")!)) {
            try test.ledger.post(clock: { Timestamp(rfc3339: "2026-04-01T12:00:00Z")! }) { ArrayLineSource(text: Self.allocation) }
        }
        #expect(try test.ledger.post(clock: { Timestamp(rfc3339: "2026-05-01T11:55:00Z")! }) { ArrayLineSource(text: Self.allocation) }.written == 1)
        var times: [String] = []
        try test.ledger.export { times.append($0.envelope.recordedAt.description) }
        #expect(times == ["2026-05-01T12:00:00.000Z", "2026-05-01T12:00:00.000Z"])
    }

    @Test func aSecondInitOnAnExistingLedgerIsRefused() throws {
        let test = try TestLedger()
        #expect(throws: StoreError.alreadyExists(test.directory)) { try Ledger.create(at: test.directory) }
    }

    @Test func openingADirectoryWithoutALedgerSaysSo() throws {
        let path = TestLedger.temporaryPath("empty")
        #expect(throws: StoreError.notALedger(path)) { try Ledger.open(at: path) }
    }

    @Test func ledgerFilesAreReadableByTheirOwnerOnly() throws {
        let test = try TestLedger()
        for file in ["", "/data.mdb", "/lock.mdb"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: test.directory + file)
            let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
            #expect(permissions & 0o077 == 0, "\(file) has mode \(String(permissions, radix: 8))")
        }
    }
}
