/// The fast path for the lines posting sees nearly always: one flat JSON object whose values are
/// strings without escapes (numbers too, for the envelope fields `export` adds), every field one
/// of the event type's and valid. Such a line is decoded straight from its bytes, without a
/// `JSONValue` tree, a dictionary or a `String` per key.
///
/// Anything else returns nil — a rejection of any kind, an escape, an array, a repeated key, a
/// field this type does not take — and the caller decodes the line on the strict path
/// (`JSONParser` then `EventDecoder.decode`), which reports exactly what it always has. So this
/// path can only agree with the strict one; `EventLineDecoderTests` checks that on every fixture
/// line and on many mutations of them. The field rules themselves are shared: the same
/// `FieldValue.validate` and `Event.init(kind:values:)` run on both paths.
public enum EventLineDecoder {
    public static func decode(_ line: UnsafeRawBufferPointer) -> Event? {
        withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: FieldName.count) { spans in
            // Initialised (all zero bytes: `0..<0`), so that no path can read memory the scan
            // did not write; one `memset`. `Range<Int>` is trivial: nothing needs deinitialising.
            UnsafeMutableRawBufferPointer(spans).initializeMemory(as: UInt8.self, repeating: 0)
            guard let present = scan(line, into: spans.baseAddress!) else { return nil }
            return build(line, spans: spans.baseAddress!, present: present)
        }
    }

    public static func decode(_ line: [UInt8]) -> Event? {
        line.withUnsafeBytes { decode($0) }
    }

    private static let commonFields = FieldSet([.id, .type, .budget, .date])

    /// Validates the fields found and builds the event; nil when any rule of SPEC 2 fails.
    private static func build(_ line: UnsafeRawBufferPointer, spans: UnsafeMutablePointer<Range<Int>>, present: FieldSet) -> Event? {
        func bytes(_ field: FieldName) -> UnsafeRawBufferPointer {
            // The span was written by the scan of this very line: a string value's contents.
            let span = spans[field.rawValue]
            precondition(present.contains(field) && span.lowerBound >= 0 && span.upperBound <= line.count,
                         "a field's span lies within its line")
            return UnsafeRawBufferPointer(rebasing: line[span])
        }
        guard present.isSuperset(of: commonFields), let kind = EventKind.named(bytes(.type)) else { return nil }
        let table = EventSchema.table(of: kind)
        guard table.accepted.isSuperset(of: present), present.isSuperset(of: table.required) else { return nil }
        // A mixed budget needs `pots`, an array, which only the strict path reads.
        if kind == .budgetOpened, HoldingModel.named(bytes(.holdingModel)) == .mixed { return nil }
        // Fields one field's value requires (SPEC 9) are the strict path's to report.
        if kind == .scheduleSet || kind == .review { return nil }
        var values = FieldValues()
        do {
            for spec in table.fields where present.contains(spec.field) {
                let utf8 = bytes(spec.field)
                values.set(spec.field, try FieldValue.validate(utf8, as: spec) { String(decoding: utf8, as: UTF8.self) })
            }
            return try Event(kind: kind, values: values)
        } catch {
            return nil
        }
    }

    /// Records where each field's value lies. Nil for anything but a flat object of known,
    /// distinct keys with plain string values (or numbers for the envelope fields).
    private static func scan(_ bytes: UnsafeRawBufferPointer, into spans: UnsafeMutablePointer<Range<Int>>) -> FieldSet? {
        var scanner = Scanner(bytes: bytes)
        scanner.skipWhitespace()
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        var present = FieldSet()
        repeat {
            scanner.skipWhitespace()
            guard scanner.take(UInt8(ascii: "\"")), let key = scanner.plainString(),
                  let field = FieldName.named(UnsafeRawBufferPointer(rebasing: bytes[key])),
                  !present.contains(field) else { return nil }
            present.insert(FieldSet(field))
            scanner.skipWhitespace()
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
            scanner.skipWhitespace()
            if scanner.take(UInt8(ascii: "\"")) {
                // An envelope number given as a string, or a control character (raw U+007F–U+009F
                // is valid JSON) in an envelope string: the strict path rejects it.
                guard let value = scanner.plainString(), !EventSchema.numericEnvelopeFields.contains(field),
                      !EventSchema.envelopeFields.contains(field)
                        || FieldValue.firstControlCharacter(UnsafeRawBufferPointer(rebasing: bytes[value])) == nil else { return nil }
                spans[field.rawValue] = value
            } else {
                // Only `seq` and `version` may be anything but a string; they are ignored.
                guard EventSchema.numericEnvelopeFields.contains(field), scanner.number() else { return nil }
            }
            scanner.skipWhitespace()
        } while scanner.take(UInt8(ascii: ","))
        guard scanner.take(UInt8(ascii: "}")) else { return nil }
        scanner.skipWhitespace()
        return scanner.isAtEnd ? present : nil
    }
}

extension FieldName {
    static let count = allCases.count
}

/// Byte-level steps of the fast path. Each accepts only what `JSONParser` accepts too.
private struct Scanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    var isAtEnd: Bool { index == bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// The contents of a string whose opening quote was taken, up to its closing quote; nil
    /// for an escape, a control character, invalid UTF-8 or a missing closing quote.
    mutating func plainString() -> Range<Int>? {
        let start = index
        var isASCII = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                let contents = start..<index
                if !isASCII, String(validating: UnsafeRawBufferPointer(rebasing: bytes[contents]), as: UTF8.self) == nil { return nil }
                return contents
            }
            if byte < 0x20 || byte == UInt8(ascii: "\\") { return nil }
            isASCII = isASCII && byte < 0x80
            index += 1
        }
        return nil
    }

    /// A JSON number (RFC 8259 grammar); false when there is none.
    mutating func number() -> Bool {
        _ = take(UInt8(ascii: "-"))
        if take(UInt8(ascii: "0")) {
        } else {
            guard skipDigits() else { return false }
        }
        if take(UInt8(ascii: ".")) {
            guard skipDigits() else { return false }
        }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard skipDigits() else { return false }
        }
        return true
    }

    /// Skips one or more digits; false when there is none.
    private mutating func skipDigits() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index > start
    }
}
