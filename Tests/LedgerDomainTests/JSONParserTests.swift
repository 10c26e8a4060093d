import Testing
import LedgerDomain

@Suite("JSONParser: strict RFC 8259, bounded")
struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParseError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    /// The one member of `{"s": …}` parsed from `json`.
    private func member(_ json: String) throws -> JSONValue {
        guard case .object(let members) = try parse(json), members.count == 1 else {
            Issue.record("not a one-member object: \(json)")
            return .null
        }
        return members[0].value
    }

    @Test func stringEscapes() throws {
        #expect(try member(#"{"s":"q\"b\\s\/b\bf\fn\nr\rt\t"}"#) == .string("q\"b\\s/b\u{08}f\u{0C}n\nr\rt\t"))
        #expect(try member(#"{"s":"caf\u00e9 \u00E9"}"#) == .string("café é"))
        #expect(try member("{\"s\":\"café\"}") == .string("café"))
    }

    @Test func surrogatePairsJoinIntoOneScalar() throws {
        #expect(try member(#"{"s":"\ud83d\ude00"}"#) == .string("😀"))
        #expect(try member(#"{"s":"a\uD834\uDD1Eb"}"#) == .string("a𝄞b"))
    }

    @Test("unpaired surrogates and bad escapes are rejected", arguments: [
        #"{"s":"\ud83d"}"#, #"{"s":"\ude00"}"#, #"{"s":"\ud83d\u0041"}"#, #"{"s":"\ud83dx"}"#,
        #"{"s":"\u12"}"#, #"{"s":"\x41"}"#, #"{"s":"\'"}"#,
    ])
    func rejectsBadEscape(json: String) {
        #expect(throws: JSONParseError.self) { try parse(json) }
    }

    @Test func invalidUTF8IsRejected() {
        let quote = UInt8(ascii: "\"")
        let prefix = Array(#"{"s":"#.utf8)
        for bytes: [UInt8] in [[quote, 0xC3, 0x28, quote], [quote, 0xFF, quote], [quote, 0xED, 0xA0, 0x80, quote],
                               [quote, 0x5C, 0x6E, 0xC3, quote], [quote, 0xE2, 0x82, quote]] {
            #expect(throws: JSONParseError.self, "\(bytes)") { try JSONParser.parse(prefix + bytes + [UInt8(ascii: "}")]) }
        }
    }

    @Test func controlCharactersMustBeEscaped() {
        #expect(throws: JSONParseError.self) { try parse("{\"s\":\"a\tb\"}") }
        #expect(throws: JSONParseError.self) { try parse("{\"s\":\"a\nb\"}") }
    }

    @Test func duplicateKeysAreRejected() throws {
        #expect(throws: JSONParseError.self) { try parse(#"{"a":"1","a":"2"}"#) }
        #expect(throws: JSONParseError.self) { try parse(#"{"a":"1","\u0061":"2"}"#) }
        #expect(throws: JSONParseError.self) { try parse(#"{"o":{"k":1,"k":1}}"#) }
        _ = try parse(#"{"a":{"k":1},"b":{"k":1}}"#)
    }

    @Test func nestingIsBoundedAt32Levels() throws {
        let depth = JSONParser.nestingDepthMax
        #expect(depth == 32)
        _ = try parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(throws: JSONParseError.self) {
            try parse(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1))
        }
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(throws: JSONParseError.self) { try parse(objects) }
        let deepest = String(repeating: #"{"a":"#, count: depth - 1) + "1" + String(repeating: "}", count: depth - 1)
        _ = try parse(deepest)
    }

    @Test("trailing text after the value is rejected", arguments: [
        "{} x", "{}{}", #"{"a":1},"#, #"{"a":1}}"#, "{} []",
    ])
    func rejectsTrailingGarbage(json: String) {
        #expect(throws: JSONParseError.self) { try parse(json) }
    }

    @Test func surroundingWhitespaceIsAllowed() throws {
        #expect(try parse(" \t{\"a\" : true }\r\n") == .object([JSONMember(key: "a", value: .bool(true))]))
    }

    @Test("numbers keep their source text", arguments: ["0", "-0.50", "12.50", "1E+3", "1e-7", "12345678901234567890123"])
    func numbersKeepText(text: String) throws {
        #expect(try member("{\"n\":\(text)}") == .number(text))
    }

    @Test("malformed numbers and literals are rejected", arguments: [
        "01", "1.", "-", ".5", "+1", "1e", "NaN", "Infinity", "tru", "nul", "0x1",
    ])
    func rejectsBadScalar(text: String) {
        #expect(throws: JSONParseError.self) { try parse("{\"n\":\(text)}") }
    }

    @Test func structureIsKeptInSourceOrder() throws {
        let value = try parse(#"{"z":[1,"two",null,false],"a":{}}"#)
        #expect(value == .object([
            JSONMember(key: "z", value: .array([.number("1"), .string("two"), .null, .bool(false)])),
            JSONMember(key: "a", value: .object([])),
        ]))
    }

    @Test("unterminated input is rejected", arguments: ["", "{", #"{"a""#, #"{"a":"#, #"{"a":"x"#, "[1,", "{,}", #"{"a":1,}"#, "[1,]"])
    func rejectsUnterminated(json: String) {
        #expect(throws: JSONParseError.self) { try parse(json) }
    }
}
