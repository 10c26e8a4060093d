import Testing
import LedgerWorkload
@testable import LedgerDomain

/// The fast path may only ever agree with the strict one: for any line it decodes, the strict
/// path must decode the same event; for every other line it must step aside (nil).
@Suite struct EventLineDecoderTests {
    static let files = ["year-2025-26.jsonl", "bad/rejections.jsonl", "golden/escapes-and-every-type.jsonl"]

    static func strict(_ line: [UInt8]) -> Result<Event, Rejection>? {
        guard let value = try? JSONParser.parse(line) else { return nil }
        return EventDecoder.decode(value)
    }

    @Test func everyFixtureLineItDecodesIsTheEventTheStrictPathDecodes() throws {
        var decoded = 0
        for file in Self.files {
            for line in try FixtureFiles.lines(file) {
                guard let event = EventLineDecoder.decode(line) else { continue }
                decoded += 1
                #expect(Self.strict(line) == .success(event), "\(String(decoding: line, as: UTF8.self))")
            }
        }
        // Nearly every valid line takes the fast path (mixed budgets' openings and escapes do not).
        #expect(decoded > 1_150)
    }

    @Test func itStepsAsideForEveryLineTheStrictPathRejects() throws {
        for line in try FixtureFiles.lines("bad/rejections.jsonl") {
            if case .failure? = Self.strict(line) { #expect(EventLineDecoder.decode(line) == nil) }
            if Self.strict(line) == nil { #expect(EventLineDecoder.decode(line) == nil) }
        }
    }

    /// Thousands of random edits of valid lines: quotes, escapes, brackets, digits and UTF-8
    /// fragments put in, bytes dropped or repeated. Whatever the fast path accepts, the strict
    /// path must accept as the very same event.
    @Test func mutatedLinesNeverMakeThePathsDisagree() throws {
        let lines = try Self.files.flatMap { try FixtureFiles.lines($0) }
        let interesting: [UInt8] = Array(#""\{}[],: 0159.-+eEaZ_/"#.utf8) + [0x00, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xE2, 0xFF]
        var random = SeededRandom(seed: 20_250_401)
        var fastAccepted = 0
        for _ in 0..<30_000 {
            var line = lines.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...3, using: &random) where !line.isEmpty {
                let at = Int.random(in: 0..<line.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: line[at] = interesting.randomElement(using: &random)!
                case 1: line.remove(at: at)
                case 2: line.insert(interesting.randomElement(using: &random)!, at: at)
                default: line.insert(contentsOf: line[at..<min(line.count, at + Int.random(in: 1...12, using: &random))], at: at)
                }
            }
            guard let event = EventLineDecoder.decode(line) else { continue }
            fastAccepted += 1
            #expect(Self.strict(line) == .success(event), "\(String(decoding: line, as: UTF8.self))")
        }
        // Many edits leave a valid event (a changed amount digit, a changed note): both paths ran.
        #expect(fastAccepted > 1_000)
    }

    @Test func kindOrdinalsFollowAllCases() {
        #expect(EventKind.allCases.map(\.ordinal) == Array(EventKind.allCases.indices))
    }

    @Test func everyFieldNameIsFoundByItsKey() {
        for field in FieldName.allCases {
            #expect(FieldName.named(field.key) == field)
        }
        #expect(FieldName.named("amounts") == nil && FieldName.named("") == nil)
    }
}

extension EventLineDecoderTests {
    /// A quote, backslash, control character or byte of a multi-byte character is met wherever
    /// it stands in a string (a scan that steps over several bytes at once must not skip one).
    @Test func aSpecialByteAtEveryPlaceInAStringIsFound() throws {
        let payee = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        func line(payee: [UInt8]) -> [UInt8] {
            Array(#"{"id":"x1","type":"payment","budget":"B1","date":"2025-05-01","pot":"direct_payment","payee":""#.utf8) + payee
                + Array(#"","category":"personal_care","amount":"1.00"}"#.utf8)
        }
        let plain = try #require(EventLineDecoder.decode(line(payee: Array(payee.utf8))))
        #expect(Self.strict(line(payee: Array(payee.utf8))) == .success(plain))
        for place in 0..<payee.utf8.count {
            func replaced(with bytes: [UInt8]) -> [UInt8] {
                var edited = Array(payee.utf8)
                edited.replaceSubrange(place...place, with: bytes)
                return line(payee: edited)
            }
            // A character of two bytes (é): decoded, and what the strict path decodes.
            let accented = replaced(with: [0xC3, 0xA9])
            let event = try #require(EventLineDecoder.decode(accented), "é at \(place)")
            #expect(Self.strict(accented) == .success(event))
            // Escapes, control characters and bytes that are not UTF-8 are the strict path's.
            for bytes: [UInt8] in [[0x5C, 0x5C], [0x5C, 0x75, 0x30, 0x30, 0x34, 0x31], [0x00], [0x1F], [0x80], [0xFF], [0xC3]] {
                #expect(EventLineDecoder.decode(replaced(with: bytes)) == nil, "\(bytes) at \(place)")
            }
            // A quote ends the string there: the rest of the payee is no field.
            #expect(EventLineDecoder.decode(replaced(with: [0x22])) == nil, "a quote at \(place)")
        }
    }

    @Test func everyQuotedKeyIsItsKeyInQuotesWithAColon() {
        for field in FieldName.allCases {
            #expect(field.quotedKey.description == "\"\(field.key)\":")
        }
    }
}

@Suite struct FieldSetTests {
    /// Every field name has its own bit: a field past the set's capacity would otherwise give an
    /// empty set and be silently accepted or ignored.
    @Test func everyFieldNameHasItsOwnBit() {
        #expect(FieldName.allCases.count <= FieldSet.capacity)
        #expect(FieldSet(FieldName.allCases).rawValue.nonzeroBitCount == FieldName.allCases.count)
        for field in FieldName.allCases {
            #expect(FieldSet(field).contains(field))
            #expect(FieldName.named(field.key) == field, "the key \(field.key) finds its field")
        }
    }
}
