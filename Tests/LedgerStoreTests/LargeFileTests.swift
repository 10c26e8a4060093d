import Foundation
import Testing
import LedgerDomain
@testable import LedgerStore

/// A file of 100,000 events is read through a fixed buffer, never held whole.
@Suite struct LargeFileTests {
    static let eventCount = 100_000

    /// Writes a file of `eventCount` valid events for 100 direct-payment budgets, optionally with
    /// one bad line at `badLine`.
    static func writeFile(badLine: Int? = nil) throws -> String {
        let path = TestLedger.temporaryPath("large") + ".jsonl"
        try #require(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        var chunk = ""
        var line = 0
        func add(_ text: String) {
            line += 1
            chunk += (line == badLine ? #"{"id":"broken","type":"payment","budget":"B1","date":"2025-13-01"}"# : text) + "\n"
            if chunk.utf8.count > 1 << 20 { handle.write(Data(chunk.utf8)); chunk = "" }
        }
        for budget in 0..<100 {
            add(#"{"id":"o\#(budget)","type":"budget_opened","budget":"B\#(budget)","date":"2025-04-01","person":"P-\#(budget)","holding_model":"direct_payment","period_start":"2025-04-01","period_end":"2026-03-31"}"#)
            add(#"{"id":"a\#(budget)","type":"allocation","budget":"B\#(budget)","date":"2025-04-01","amount":"90000"}"#)
            add(#"{"id":"t\#(budget)","type":"direct_payment_transfer","budget":"B\#(budget)","date":"2025-04-02","amount":"90000"}"#)
        }
        while line < eventCount {
            let number = line
            add(#"{"id":"p\#(number)","type":"payment","budget":"B\#(number % 100)","date":"2025-05-\#(10 + number % 18)","payee":"PA","category":"personal_care","amount":"\#(number % 50 + 1).25"}"#)
        }
        handle.write(Data(chunk.utf8))
        try handle.close()
        return path
    }

    @Test func aFileOf100000EventsPostsWholeAndVerifies() throws {
        let path = try Self.writeFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let test = try TestLedger()
        let report = try test.post(file: path)
        #expect(report.written == Self.eventCount)
        #expect(try test.ledger.eventCount() == UInt64(Self.eventCount))
        #expect(try test.ledger.verify().isIntact)
    }

    @Test func aBadLineDeepInTheFileIsNamedByItsLineNumberAndNothingIsWritten() throws {
        let path = try Self.writeFile(badLine: 87_654)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let test = try TestLedger()
        let report = try test.post(file: path)
        let rejected = report.results.filter { $0.status == .rejected }
        #expect(rejected.count == 1)
        #expect(rejected.first?.line == 87_654)
        #expect(rejected.first?.id == "broken")
        #expect(rejected.first?.rejection?.code == .missingField)
        #expect(report.written == 0)
        #expect(try test.ledger.eventCount() == 0)
    }
}
