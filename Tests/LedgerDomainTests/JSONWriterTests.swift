import Testing
import LedgerWorkload
@testable import LedgerDomain

/// The writer formats numbers, dates, times and money straight into its buffer; the result must
/// be exactly the text the `description`s give (the canonical bytes depend on it).
@Suite struct JSONWriterTests {
    static func written(_ write: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        write(&writer)
        return writer.text
    }

    @Test func integersMatchTheirDescription() {
        var random = SeededRandom(seed: 7)
        var values: [Int64] = [0, 1, 9, 10, 99, 100, -1, -10, .max, .min, 1_000_000_007]
        for _ in 0..<2_000 { values.append(Int64(bitPattern: random.next()) >> Int64.random(in: 0...63, using: &random)) }
        for value in values { #expect(Self.written { $0.integer(value) } == String(value)) }
        #expect(Self.written { $0.integer(UInt64.max) } == String(UInt64.max))
    }

    @Test func moneyMatchesItsDescription() {
        var random = SeededRandom(seed: 11)
        var values: [Int64] = [0, 1, 5, 10, 99, 100, 101, -1, -99, -100, .max, .min]
        for _ in 0..<2_000 { values.append(Int64(bitPattern: random.next()) >> Int64.random(in: 0...63, using: &random)) }
        for pence in values { #expect(Self.written { $0.money(Money(pence: pence)) } == "\"\(Money(pence: pence))\"") }
    }

    @Test func datesAndTimesMatchTheirDescription() {
        var random = SeededRandom(seed: 13)
        var days: [Int32] = [0, -1, -719_162, -719_528, 2_932_896, 2_932_897, 20_000]
        for _ in 0..<2_000 { days.append(Int32.random(in: -800_000...3_000_000, using: &random)) }
        for day in days {
            let date = CalendarDate(daysSinceEpoch: day)
            #expect(Self.written { $0.date(date) } == "\"\(date)\"")
        }
        var times: [Int64] = [0, -1, 1, 86_399_999, 1_775_122_200_000, -62_135_596_800_000, 253_402_300_799_999, 253_402_300_800_000]
        for _ in 0..<2_000 { times.append(Int64.random(in: -70_000_000_000_000...260_000_000_000_000, using: &random)) }
        for milliseconds in times {
            let time = Timestamp(millisecondsSinceEpoch: milliseconds)
            #expect(Self.written { $0.timestamp(time) } == "\"\(time)\"")
        }
    }

    @Test func stringsEscapeOnlyQuotesBackslashesAndControlCharacters() {
        let text = "a\"b\\c\n\r\t\u{01}\u{1F}\u{7F}é😀/"
        #expect(Self.written { $0.string(text) } == #""a\"b\\c\n\r\t\u0001\u001f"# + "\u{7F}é😀/\"")
        #expect(Self.written { $0.string("plain") } == "\"plain\"")
    }

    @Test func commasSeparateMembersAndElementsAtEveryDepth() {
        let text = Self.written { writer in
            writer.beginObject()
            writer.field("a", 1)
            writer.key("b")
            writer.beginArray()
            writer.integer(1)
            writer.beginObject()
            writer.endObject()
            writer.string("x")
            writer.endArray()
            writer.field("c", optional: nil as String?)
            writer.field("d", CalendarDate(daysSinceEpoch: 0))
            writer.endObject()
        }
        #expect(text == #"{"a":1,"b":[1,{},"x"],"d":"1970-01-01"}"#)
    }
}
