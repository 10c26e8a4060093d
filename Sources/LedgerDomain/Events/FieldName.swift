#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every field name an event line may carry: SPEC 2's fields and the envelope of SPEC 5.
/// Numbered so that decoding keeps a line's fields in a fixed table and sets of them in a bit
/// mask, instead of dictionaries and sets of strings built for every posted line.
enum FieldName: Int, CaseIterable, Sendable {
    case id, type, budget, date, actor, note
    case person, holdingModel, pots, periodStart, periodEnd
    case pot, amount, direction, commitment, provider, category, organisation, payee, reference, reason
    case statementBalance, reverses, matched
    // SPEC 9
    case line, description, funding, schedule, kind, every, first, last, outcome, nextReview, repayment, grounds, due, cohort
    case seq, version, recordedAt, hash

    /// The JSON key.
    var key: String { FieldName.keys[rawValue] }

    private static let keys: [String] = allCases.map(\.declaredKey)

    private var declaredKey: String {
        switch self {
        case .holdingModel: return "holding_model"
        case .periodStart: return "period_start"
        case .periodEnd: return "period_end"
        case .statementBalance: return "statement_balance"
        case .recordedAt: return "recorded_at"
        case .nextReview: return "next_review"
        default: return String(describing: self)
        }
    }

    /// The key as the canonical bytes write it: quoted, then `:`. A `StaticString`, so writing
    /// it copies bytes without touching a reference count.
    var quotedKey: StaticString {
        switch self {
        case .id: return "\"id\":"
        case .type: return "\"type\":"
        case .budget: return "\"budget\":"
        case .date: return "\"date\":"
        case .actor: return "\"actor\":"
        case .note: return "\"note\":"
        case .person: return "\"person\":"
        case .holdingModel: return "\"holding_model\":"
        case .pots: return "\"pots\":"
        case .periodStart: return "\"period_start\":"
        case .periodEnd: return "\"period_end\":"
        case .pot: return "\"pot\":"
        case .amount: return "\"amount\":"
        case .direction: return "\"direction\":"
        case .commitment: return "\"commitment\":"
        case .provider: return "\"provider\":"
        case .category: return "\"category\":"
        case .organisation: return "\"organisation\":"
        case .payee: return "\"payee\":"
        case .reference: return "\"reference\":"
        case .reason: return "\"reason\":"
        case .statementBalance: return "\"statement_balance\":"
        case .reverses: return "\"reverses\":"
        case .matched: return "\"matched\":"
        case .line: return "\"line\":"
        case .description: return "\"description\":"
        case .funding: return "\"funding\":"
        case .schedule: return "\"schedule\":"
        case .kind: return "\"kind\":"
        case .every: return "\"every\":"
        case .first: return "\"first\":"
        case .last: return "\"last\":"
        case .outcome: return "\"outcome\":"
        case .nextReview: return "\"next_review\":"
        case .repayment: return "\"repayment\":"
        case .grounds: return "\"grounds\":"
        case .due: return "\"due\":"
        case .cohort: return "\"cohort\":"
        case .seq: return "\"seq\":"
        case .version: return "\"version\":"
        case .recordedAt: return "\"recorded_at\":"
        case .hash: return "\"hash\":"
        }
    }

    /// The field a JSON key names, if any. Decoding asks this for every key of every line, so
    /// it is a perfect-hash lookup on the key's length, first and last byte (no two keys share
    /// all three), then one `memcmp` against `quotedKey`: no `String` or array is touched.
    static func named(_ key: UnsafeRawBufferPointer) -> FieldName? {
        guard key.count >= 2, let start = key.baseAddress else { return nil }
        let entry = slots[slot(length: key.count, first: key[0], last: key[key.count - 1])]
        guard entry >= 0, let field = FieldName(rawValue: Int(entry)), field.quotedKey.utf8CodeUnitCount == key.count + 3,
              memcmp(start, field.quotedKey.utf8Start + 1, key.count) == 0 else { return nil }
        return field
    }

    /// Collision-free for the 42 keys (constants found by search; the table checks it, and a
    /// new key that collides stops the program at its first line: change the constants then).
    private static func slot(length: Int, first: UInt8, last: UInt8) -> Int {
        (length &+ Int(first) &* 3 &+ Int(last) &* 61) & 127
    }

    /// The field whose (length, first, last) hash to each slot; -1 for none.
    private static let slots: [Int8] = {
        precondition(allCases.count <= FieldSet.capacity, "\(allCases.count) field names do not fit a FieldSet of \(FieldSet.capacity)")
        var table = [Int8](repeating: -1, count: 128)
        for field in allCases {
            let key = Array(field.key.utf8)
            let slot = slot(length: key.count, first: key[0], last: key[key.count - 1])
            precondition(table[slot] < 0, "two field names share a hash slot: change FieldName.slot")
            table[slot] = Int8(field.rawValue)
        }
        return table
    }()

    static func named(_ key: String) -> FieldName? {
        var key = key
        return key.withUTF8 { named(UnsafeRawBufferPointer($0)) }
    }

}

/// A set of field names, one bit each: up to 64 fields in one word, room for the ~15 that SPEC 9
/// adds to today's 27. The bound is checked once, when the first key is looked up
/// (`FieldName.slots`), so a 65th field stops the program at its first line instead of giving
/// an empty set.
struct FieldSet: OptionSet, Sendable {
    let rawValue: UInt64

    /// The number of field names a set can hold.
    static let capacity = UInt64.bitWidth

    init(rawValue: UInt64) { self.rawValue = rawValue }
    init(_ field: FieldName) { rawValue = 1 << UInt64(field.rawValue) }
    init(_ fields: some Sequence<FieldName>) { self = fields.reduce(into: FieldSet()) { $0.insert(FieldSet($1)) } }

    func contains(_ field: FieldName) -> Bool { contains(FieldSet(field)) }
}
