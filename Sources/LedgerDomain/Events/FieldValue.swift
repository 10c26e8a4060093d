/// One validated field value.
enum FieldValue {
    case text(String)
    case money(Money)
    case date(CalendarDate)
    case pot(Pot)
    case pots([Pot])
    case identifiers([String])
    case holdingModel(HoldingModel)
    case direction(AllocationDirection)
    case funding(Funding)
    case scheduleKind(ScheduleKind)
    case frequency(ScheduleFrequency)
    case outcome(ReviewOutcome)
    case grounds(RepaymentGrounds)

    /// Validates a parsed JSON value against its field's rule (the strict path).
    static func validate(_ value: JSONValue, as spec: FieldSpec) throws -> FieldValue {
        if case .pots = spec.rule { return try validatePots(value) }
        if case .identifiers = spec.rule { return try validateIdentifiers(value, as: spec) }
        guard case .string(let text) = value else {
            if case .number = value, case .amount = spec.rule {
                throw Rejection(.invalidField, "\"\(spec.name)\" must be a string such as \"12.50\", not a JSON number: floating point never touches money")
            }
            throw Rejection(.invalidField, "\"\(spec.name)\" must be a string, not \(value.kindDescription)")
        }
        var utf8 = text
        return try utf8.withUTF8 { try validate(UnsafeRawBufferPointer($0), as: spec) { text } }
    }

    /// Validates a JSON string value, given as its UTF-8 bytes (valid UTF-8). `text` makes the
    /// `String`, called only for values kept as text and for messages: the fast decoder calls
    /// this straight on a line's bytes, the strict path on a parsed string's.
    static func validate(_ utf8: UnsafeRawBufferPointer, as spec: FieldSpec, text: () -> String) throws -> FieldValue {
        let name = spec.name
        switch spec.rule {
        case .type:
            return .text(text())
        case .identifier:
            guard EventDecoder.isIdentifier(utf8) else {
                throw Rejection(.invalidField, "\"\(name)\" must be 1–\(EventSchema.identifierLengthMax) printable ASCII characters")
            }
            return .text(text())
        case .budgetIdentifier:
            guard utf8.count >= 1, utf8.count <= EventSchema.budgetIdentifierLengthMax, utf8.allSatisfy(isBudgetCharacter) else {
                throw Rejection(.invalidField, "\"budget\" must be 1–\(EventSchema.budgetIdentifierLengthMax) of A-Z a-z 0-9 . _ -")
            }
            // SPEC 4.4: budget ids appear in URL paths, where these two name directories.
            guard !isDotSegment(utf8) else {
                throw Rejection(.invalidField, "\"budget\" may not be \".\" or \"..\"")
            }
            return .text(text())
        case .text(let lengthMax, let allowsEmpty):
            // Unicode scalars: in valid UTF-8, the bytes that do not continue a sequence.
            let count = utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            guard count <= lengthMax, allowsEmpty || count > 0 else {
                throw Rejection(.invalidField, "\"\(name)\" must be \(allowsEmpty ? "at most" : "1 to") \(lengthMax) characters")
            }
            if let control = firstControlCharacter(utf8) {
                throw Rejection(.invalidField, "\"\(name)\" holds the control character U+\(control): text may hold none (U+0000–U+001F, U+007F–U+009F)")
            }
            return .text(text())
        case .amount, .amountOrZero:
            guard let money = Money(amountUTF8: utf8) else {
                throw Rejection(.invalidField, "\"\(name)\" \"\(text())\" is not an amount: a decimal with at most \(Money.wholeDigitsMax) digits before the point and \(Money.fractionDigitsMax) after it")
            }
            if case .amount = spec.rule, money.pence == 0 {
                throw Rejection(.invalidField, "\"\(name)\" must be greater than zero")
            }
            return .money(money)
        case .date:
            guard let date = CalendarDate(isoUTF8: utf8) else {
                throw Rejection(.invalidField, "\"\(name)\" \"\(text())\" is not a calendar date YYYY-MM-DD")
            }
            return .date(date)
        case .pot:
            guard let pot = Pot.named(utf8) else {
                throw Rejection(.invalidField, "\"\(name)\" \"\(text())\" is not a pot (notional, third_party or direct_payment)")
            }
            return .pot(pot)
        case .holdingModel:
            guard let model = HoldingModel.named(utf8) else {
                throw Rejection(.invalidField, "\"holding_model\" \"\(text())\" must be notional, third_party, direct_payment or mixed")
            }
            return .holdingModel(model)
        case .direction:
            guard let direction = AllocationDirection.named(utf8) else {
                throw Rejection(.invalidField, "\"direction\" must be increase or decrease")
            }
            return .direction(direction)
        case .category:
            guard isCategory(utf8) else {
                throw Rejection(.invalidField, "\"\(name)\" \"\(text())\" must be a lower-case snake_case word")
            }
            return .text(text())
        case .carePlanName:
            guard utf8.count >= 1, utf8.count <= CarePlanName.lengthMax, utf8.allSatisfy(isBudgetCharacter) else {
                throw Rejection(.invalidField, "\"\(name)\" must be 1–\(CarePlanName.lengthMax) of A-Z a-z 0-9 . _ -")
            }
            return .text(text())
        case .funding:
            guard let value = Funding.named(utf8) else { throw oneOf(name, Funding.self) }
            return .funding(value)
        case .scheduleKind:
            guard let value = ScheduleKind.named(utf8) else { throw oneOf(name, ScheduleKind.self) }
            return .scheduleKind(value)
        case .frequency:
            guard let value = ScheduleFrequency.named(utf8) else { throw oneOf(name, ScheduleFrequency.self) }
            return .frequency(value)
        case .outcome:
            guard let value = ReviewOutcome.named(utf8) else { throw oneOf(name, ReviewOutcome.self) }
            return .outcome(value)
        case .grounds:
            guard let value = RepaymentGrounds.named(utf8) else { throw oneOf(name, RepaymentGrounds.self) }
            return .grounds(value)
        case .pots:
            throw Rejection(.invalidField, "\"pots\" must be an array of 2 or 3 distinct pot names")
        case .identifiers:
            throw Rejection(.invalidField, "\"\(name)\" must be an array of event ids")
        }
    }

    private static func oneOf<Keyword: CaseIterable & RawRepresentable>(_ name: String, _: Keyword.Type) -> Rejection
        where Keyword.RawValue == String {
        Rejection(.invalidField, "\"\(name)\" must be one of: " + Keyword.allCases.map(\.rawValue).joined(separator: ", "))
    }

    private static func validatePots(_ value: JSONValue) throws -> FieldValue {
        guard case .array(let elements) = value, (2...3).contains(elements.count) else {
            throw Rejection(.invalidField, "\"pots\" must be an array of 2 or 3 distinct pot names")
        }
        var pots: [Pot] = []
        for element in elements {
            guard case .string(let name) = element, let pot = Pot(rawValue: name), !pots.contains(pot) else {
                throw Rejection(.invalidField, "\"pots\" must be an array of 2 or 3 distinct pot names (notional, third_party, direct_payment)")
            }
            pots.append(pot)
        }
        return .pots(pots)
    }

    /// An array of event ids; repeats are left to the references stage (`already_reconciled`).
    private static func validateIdentifiers(_ value: JSONValue, as spec: FieldSpec) throws -> FieldValue {
        guard case .array(let elements) = value else {
            throw Rejection(.invalidField, "\"\(spec.name)\" must be an array of event ids, not \(value.kindDescription)")
        }
        var identifiers: [String] = []
        identifiers.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let text) = element, EventDecoder.isIdentifier(text) else {
                throw Rejection(.invalidField, "\"\(spec.name)\" must be an array of event ids (1–\(EventSchema.identifierLengthMax) printable ASCII characters each)")
            }
            identifiers.append(text)
        }
        return .identifiers(identifiers)
    }

    /// SPEC 4.4: the first character of Unicode general category Cc (U+0000–U+001F,
    /// U+007F–U+009F) in valid UTF-8, as four hex digits; nil when there is none. In UTF-8 these
    /// are the bytes below 0x20, 0x7F, and 0xC2 followed by 0x80–0x9F (no other sequence starts
    /// with 0xC2 and continues in that range).
    static func firstControlCharacter(_ utf8: UnsafeRawBufferPointer) -> String? {
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x20 || byte == 0x7F { return hex4(UInt32(byte)) }
            if byte == 0xC2, index + 1 < utf8.count, (0x80...0x9F).contains(utf8[index + 1]) { return hex4(UInt32(utf8[index + 1])) }
            index += 1
        }
        return nil
    }

    private static func hex4(_ scalar: UInt32) -> String {
        let digits = String(scalar, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// `.` or `..`.
    private static func isDotSegment(_ utf8: UnsafeRawBufferPointer) -> Bool {
        (utf8.count == 1 || utf8.count == 2) && utf8.allSatisfy { $0 == UInt8(ascii: ".") }
    }

    private static func isBudgetCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// SPEC 4.3: `^[a-z][a-z0-9_]*$`.
    static func isCategory(_ utf8: UnsafeRawBufferPointer) -> Bool {
        guard let first = utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return utf8.dropFirst().allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        }
    }
}
