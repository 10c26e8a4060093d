import Foundation
import Testing
import LedgerDomain
@testable import LedgerStore

/// Issue 6: hostile or broken lines are rejected with `malformed_json`, a message naming what is
/// wrong and where, their line number, and nothing written (all-or-nothing), while the
/// well-formed lines around them are judged as usual (`--partial` writes them).
@Suite struct InputLimitTests {
    static let opening = Array(PostingTests.opening.utf8)
    static let allocation = Array(PostingTests.allocation.utf8)

    /// Posts `opening`, `line`, `allocation`; returns the report for `line` after checking that
    /// nothing was written, and that `--partial` writes the two good lines around it.
    static func rejection(of line: [UInt8]) throws -> LineResult {
        let test = try TestLedger()
        let report = try test.ledger.post(clock: TestLedger.fixedClock) { ArrayLineSource([opening, line, allocation]) }
        #expect(report.results.map(\.status) == [.accepted, .rejected, .accepted])
        #expect(report.written == 0)
        #expect(try test.ledger.eventCount() == 0)
        let partial = try test.ledger.post(mode: .partial, clock: TestLedger.fixedClock) { ArrayLineSource([opening, line, allocation]) }
        #expect(partial.results.map(\.seq) == [1, nil, 2])
        #expect(try test.ledger.verify().isIntact)
        return report.results[1]
    }

    static func malformed(line: Int = 2, _ message: String) -> LineResult {
        LineResult(line: line, id: nil, status: .rejected, seq: nil, rejection: Rejection(.malformedJSON, message))
    }

    /// An event padded with spaces inside the object to exactly `length` bytes.
    static func event(paddedTo length: Int) -> [UInt8] {
        let event = Array(#"{"id":"pad","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1"}"#.utf8)
        return event.dropLast() + [UInt8](repeating: 0x20, count: length - event.count) + [UInt8(ascii: "}")]
    }

    @Test func aLineOfExactly64KiBIsJudgedAndOneByteMoreIsRejectedUnread() throws {
        let test = try TestLedger()
        let exact = Self.event(paddedTo: LineReader.lineLengthMax)
        let report = try test.ledger.post(clock: TestLedger.fixedClock) { ArrayLineSource([Self.opening, exact]) }
        #expect(report.results.map(\.status) == [.accepted, .accepted])
        #expect(try Self.rejection(of: Self.event(paddedTo: LineReader.lineLengthMax + 1))
            == Self.malformed("the line is longer than 65536 bytes"))
    }

    @Test(arguments: [
        // The offset is the byte after the string's closing quote: the string is checked whole.
        ("a byte that is never UTF-8, in a string", [0xFF], "invalid UTF-8 in a string at byte 13"),
        ("an overlong encoding of /", [0xC0, 0xAF], "invalid UTF-8 in a string at byte 14"),
        ("a UTF-16 surrogate encoded as UTF-8", [0xED, 0xA0, 0x80], "invalid UTF-8 in a string at byte 15"),
        ("a sequence cut short", [0xE2, 0x82], "invalid UTF-8 in a string at byte 14"),
    ] as [(String, [UInt8], String)])
    func bytesThatAreNotUTF8AreRejected(_ what: String, bytes: [UInt8], message: String) throws {
        let line = Array(#"{"id":"pad"#.utf8) + bytes + Array(#"","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1"}"#.utf8)
        let result = try Self.rejection(of: line)
        #expect(result == Self.malformed("the line is not valid JSON: \(message)"), "\(what)")
    }

    @Test func bytesThatAreNotUTF8OutsideAStringOrAfterAnEscapeAreRejected() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(try Self.rejection(of: bom + Self.allocation) == Self.malformed("the line is not valid JSON: unexpected character at byte 1"))
        let escaped = Array(#"{"id":"a\nb"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        let result = try Self.rejection(of: escaped)
        #expect(result == Self.malformed("the line is not valid JSON: invalid UTF-8 in a string at byte 14"))
    }

    @Test func nestingDeeperThan32LevelsIsRejectedWithoutExhaustingTheStack() throws {
        let deepest = "the line is not valid JSON: nesting deeper than 32 levels at byte 33"
        for depth in [33, 1_000, 30_000] {  // 30,000 levels still fit a 64 KiB line
            let line = Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            #expect(try Self.rejection(of: line) == Self.malformed(deepest), "depth \(depth)")
        }
        // 32 levels parse; the event is then wrong in shape, not malformed.
        let note = String(repeating: "[", count: 31) + String(repeating: "]", count: 31)
        let event = #"{"id":"deep","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1","note":\#(note)}"#
        #expect(try Self.rejection(of: Array(event.utf8)) == LineResult(line: 2, id: "deep", status: .rejected, seq: nil,
            rejection: Rejection(.invalidField, #""note" must be a string, not an array"#)))
        let tooDeep = event.replacingOccurrences(of: "\"note\":[", with: "\"note\":[[").replacingOccurrences(of: "]}", with: "]]}")
        let result = try Self.rejection(of: Array(tooDeep.utf8))
        #expect(result == Self.malformed("the line is not valid JSON: nesting deeper than 32 levels at byte 122"))
    }
}
