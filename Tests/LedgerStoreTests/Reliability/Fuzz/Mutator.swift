import LedgerDomain
import TestSupport

/// Seeded random mutations of event lines, in the manner of a coverage-blind fuzzer: bit
/// flips, random bytes, cuts, repeats, splices with another line, and insertions of the tokens
/// that break parsers (quotes, braces, escapes, huge numbers, deep nesting, invalid UTF-8);
/// and, so that most inputs get past the parser to the decoder and the rules, changes that keep
/// the JSON valid: a member's value replaced, a member dropped, renamed or added.
struct Mutator {
    private var random: SeededGenerator
    private let corpus: [[UInt8]]

    static let tokens: [[UInt8]] = [
        "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u", "\\ud800", "\\udc00", "\\u0000", "\\\"", "null", "true", "-",
        "1e999999", "-0", "0.1e-400", "99999999999999999999999999999999", "9999999999.99", "10000000000", "12.345",
        "\"amount\":\"1\"", "\"id\":\"dup\"", "\"pot\":\"notional\"", "\"type\":\"reversal\"", "\"reverses\":\"x\"",
        String(repeating: "[", count: 40), String(repeating: "{\"a\":", count: 40), String(repeating: "[", count: 5_000),
    ].map { Array($0.utf8) } + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x00], [0x0D], [0x7F]]

    init(seed: UInt64, corpus: [[UInt8]]) {
        random = SeededGenerator(seed: seed)
        self.corpus = corpus
    }

    private var count = 0

    /// A corpus line with one to four mutations of any kind; or, just over half the time, one to
    /// three that keep it valid JSON, usually under a fresh id (the corpus ids are all recorded
    /// already, and a known id with other content stops at id_conflict).
    mutating func next() -> [UInt8] {
        count += 1
        var bytes = random.pick(corpus)
        if random.chance(45) {
            for _ in 0..<Int.random(in: 1...4, using: &random) { mutate(&bytes) }
            return bytes
        }
        for _ in 0..<Int.random(in: 1...3, using: &random) { mutateMembers(&bytes) }
        if random.chance(70), case .object(var members)? = try? JSONParser.parse(bytes),
           let index = members.firstIndex(where: { $0.key == "id" }) {
            members[index].value = .string("fuzz-\(count)")
            var writer = JSONWriter()
            writer.value(.object(members))
            bytes = writer.bytes
        }
        return bytes
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let position = Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0 where !bytes.isEmpty:  // flip one bit
            let index = min(position, bytes.count - 1)
            bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1 where !bytes.isEmpty:  // any byte
            bytes[min(position, bytes.count - 1)] = UInt8.random(in: 0...255, using: &random)
        case 2:  // cut the rest
            bytes.removeSubrange(position...)
        case 3 where position < bytes.count:  // delete a run
            bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...16, using: &random)))
        case 4 where position < bytes.count:  // repeat a run
            let run = bytes[position..<min(bytes.count, position + Int.random(in: 1...32, using: &random))]
            bytes.insert(contentsOf: run, at: position)
        case 5:  // splice: this line up to here, another from somewhere on
            let other = random.pick(corpus)
            bytes = Array(bytes[..<position]) + other[Int.random(in: 0...other.count, using: &random)...]
        case 6, 7:
            mutateMembers(&bytes)
        case 8, 9:  // a token that breaks parsers
            bytes.insert(contentsOf: random.pick(Self.tokens), at: position)
        default:
            break  // a mutation that did not apply to this line: the next one will
        }
    }

    static let keys = ["id", "type", "budget", "date", "pot", "pots", "amount", "direction", "commitment", "reverses", "category",
                       "holding_model", "period_start", "period_end", "statement_balance", "payee", "reason", "note", "seq", "colour"]
    static let values: [JSONValue] = [
        .string(""), .string(String(repeating: "x", count: 300)), .string("é😀"), .string("\u{07}\n"), .string("9999999999.99"),
        .string("0.001"), .string("0"), .string("2025-02-29"), .string("2024-02-29"), .string("notional"), .string("third_party"),
        .string("mixed"), .string("decrease"), .string("gambling"), .string("PHB-0001"), .string("PHB-0006"), .string("c-1"),
        .number("1"), .number("-1e400"), .null, .bool(true), .array([]), .array([.string("notional"), .string("notional")]), .object([]),
    ]

    /// Parses the line and changes one member, writing valid JSON back; no change if it does not parse.
    private mutating func mutateMembers(_ bytes: inout [UInt8]) {
        guard case .object(var members)? = try? JSONParser.parse(bytes), !members.isEmpty else { return }
        let index = Int.random(in: 0..<members.count, using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0: members[index].value = random.pick(Self.values)
        case 1: members.remove(at: index)
        case 2: members[index].key = random.pick(Self.keys)  // may repeat a key: malformed
        default: members.insert(JSONMember(key: random.pick(Self.keys), value: random.pick(Self.values)), at: index)
        }
        var writer = JSONWriter()
        writer.value(.object(members))
        bytes = writer.bytes
    }
}
