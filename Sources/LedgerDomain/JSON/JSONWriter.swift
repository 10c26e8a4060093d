/// Builds compact JSON text (no spaces) in a fixed key order. Every report and the canonical
/// event bytes are written through it, so there is one escaping rule in the whole ledger.
///
/// It is on the posting hot path (the canonical bytes of every event), so text without
/// characters to escape is copied in one go, and numbers, dates, times and money are formatted
/// straight into the buffer rather than through intermediate `String`s.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8]
    /// One bit per open object or array, innermost at bit `depth - 1`: whether that level has a
    /// value already, so the next one needs a comma. Nesting is bounded (the parser allows 32).
    private var commaBits: UInt64 = 0
    private var depth = 0

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends to `buffer` (which keeps its contents and capacity): hot paths reuse one buffer.
    public init(appendingTo buffer: consuming [UInt8]) { bytes = buffer }

    /// Continues an object that `buffer` leaves open and that has members already: the next
    /// member is preceded by a comma, and `endObject` closes it.
    public init(appendingTo buffer: consuming [UInt8], insideObjectWithMembers: Bool) {
        bytes = buffer
        depth = 1
        commaBits = insideObjectWithMembers ? 1 : 0
    }

    /// Hands the buffer back without copying it and leaves the writer empty.
    public mutating func takeBytes() -> [UInt8] {
        let taken = bytes
        bytes = []
        return taken
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"key":` inside an object; the value follows with one of the value calls.
    public mutating func key(_ key: String) {
        separate()
        appendEscaped(key)
        bytes.append(UInt8(ascii: ":"))
        if depth > 0 { commaBits &= ~(1 << (depth - 1)) }
    }

    /// Writes a key given as its finished bytes — quoted, escaped, followed by `:` — as is:
    /// the canonical encoder keeps its keys that way rather than escaping them per event.
    public mutating func key(quoted: StaticString) {
        separate()
        bytes.append(contentsOf: UnsafeBufferPointer(start: quoted.utf8Start, count: quoted.utf8CodeUnitCount))
        if depth > 0 { commaBits &= ~(1 << (depth - 1)) }
    }

    public mutating func string(_ value: String) { separate(); appendEscaped(value) }
    public mutating func raw(_ literal: String) { separate(); bytes.append(contentsOf: literal.utf8) }
    public mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }
    public mutating func null() { raw("null") }

    // Inlinable onto a concrete body: called unspecialized, the generic conversions cost a
    // metadata lookup per number, several numbers per posted line.
    @inlinable
    public mutating func integer<Number: BinaryInteger>(_ value: Number) {
        if let value = Int64(exactly: value) { integer(int64: value) } else { raw(String(value)) }
    }

    @usableFromInline
    mutating func integer(int64 value: Int64) {
        separate()
        appendFormatted { out in
            var at = 0
            if value < 0 { out[at] = UInt8(ascii: "-"); at += 1 }
            return JSONWriter.writeDecimal(value.magnitude, to: out, at: at)
        }
    }

    /// As `Money.description`, in quotes: `"1234.50"`, `"-12.00"`.
    public mutating func money(_ value: Money) {
        separate()
        let magnitude = value.pence.magnitude
        appendFormatted { out in
            var at = 0
            out[at] = UInt8(ascii: "\""); at += 1
            if value.pence < 0 { out[at] = UInt8(ascii: "-"); at += 1 }
            at = JSONWriter.writeDecimal(magnitude / 100, to: out, at: at)
            out[at] = UInt8(ascii: "."); at += 1
            at = JSONWriter.writeDigits(Int(magnitude % 100), width: 2, to: out, at: at)
            out[at] = UInt8(ascii: "\""); at += 1
            return at
        }
    }

    /// As `CalendarDate.description`, in quotes.
    public mutating func date(_ value: CalendarDate) {
        let (year, month, day) = value.components
        guard (0...9999).contains(year) else { return string(value.description) }
        separate()
        appendFormatted { out in
            out[0] = UInt8(ascii: "\"")
            var at = JSONWriter.writeDate(year, month, day, to: out, at: 1)
            out[at] = UInt8(ascii: "\""); at += 1
            return at
        }
    }

    /// As `Timestamp.description` (RFC 3339 with milliseconds), in quotes.
    public mutating func timestamp(_ value: Timestamp) {
        let parts = value.parts
        let (year, month, day) = parts.date.components
        guard (0...9999).contains(year) else { return string(value.description) }
        separate()
        appendFormatted { out in
            out[0] = UInt8(ascii: "\"")
            var at = JSONWriter.writeDate(year, month, day, to: out, at: 1)
            out[at] = UInt8(ascii: "T")
            at = JSONWriter.writeDigits(parts.hours, width: 2, to: out, at: at + 1)
            out[at] = UInt8(ascii: ":")
            at = JSONWriter.writeDigits(parts.minutes, width: 2, to: out, at: at + 1)
            out[at] = UInt8(ascii: ":")
            at = JSONWriter.writeDigits(parts.seconds, width: 2, to: out, at: at + 1)
            out[at] = UInt8(ascii: ".")
            at = JSONWriter.writeDigits(parts.milliseconds, width: 3, to: out, at: at + 1)
            out[at] = UInt8(ascii: "Z")
            out[at + 1] = UInt8(ascii: "\"")
            return at + 2
        }
    }

    public mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    public mutating func field(_ name: String, _ value: Money) { key(name); money(value) }
    @inlinable public mutating func field<Number: BinaryInteger>(_ name: String, _ value: Number) { key(name); integer(value) }
    public mutating func field(_ name: String, _ value: CalendarDate) { key(name); date(value) }
    public mutating func field(_ name: String, _ value: Timestamp) { key(name); timestamp(value) }
    public mutating func field(_ name: String, optional value: String?) { if let value { field(name, value) } }
    public mutating func field(_ name: String, optional value: CalendarDate?) { if let value { field(name, value) } }

    /// Writes any parsed value back out, compactly, members in their source order.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .string(let text): string(text)
        case .number(let text): raw(text)
        case .bool(let flag): bool(flag)
        case .null: null()
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members { key(member.key); self.value(member.value) }
            endObject()
        }
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        precondition(depth < UInt64.bitWidth, "JSON nested deeper than \(UInt64.bitWidth) levels")
        depth += 1
        commaBits &= ~(1 << (depth - 1))
    }

    private mutating func close(_ bracket: UInt8) {
        precondition(depth > 0, "closing a JSON object or array that was not opened")
        depth -= 1
        bytes.append(bracket)
    }

    private mutating func separate() {
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << (depth - 1)
        if commaBits & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        commaBits |= bit
    }

    private mutating func appendEscaped(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            if utf8.contains(where: JSONWriter.needsEscape) {
                for byte in utf8 { appendEscaped(byte) }
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): appendEscape(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): appendEscape(UInt8(ascii: "\\"))
        case 0x0A: appendEscape(UInt8(ascii: "n"))
        case 0x0D: appendEscape(UInt8(ascii: "r"))
        case 0x09: appendEscape(UInt8(ascii: "t"))
        case 0x00..<0x20:
            appendEscape(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(JSONWriter.hexDigits[Int(byte >> 4)])
            bytes.append(JSONWriter.hexDigits[Int(byte & 0x0F)])
        default: bytes.append(byte)
        }
    }

    private mutating func appendEscape(_ letter: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(letter)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Formats a short piece of text (at most 32 bytes) on the stack and appends it in one go:
    /// appending byte by byte costs a capacity and uniqueness check per byte.
    private mutating func appendFormatted(_ format: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { out in
            let count = format(out)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: out[..<count]))
        }
    }

    /// `YYYY-MM-DD` at `at`; the year is 0...9999, padded to four digits as
    /// `CalendarDate.description` does. Returns the index after it.
    private static func writeDate(_ year: Int, _ month: Int, _ day: Int, to out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        var at = writeDigits(year, width: 4, to: out, at: at)
        out[at] = UInt8(ascii: "-")
        at = writeDigits(month, width: 2, to: out, at: at + 1)
        out[at] = UInt8(ascii: "-")
        return writeDigits(day, width: 2, to: out, at: at + 1)
    }

    /// Exactly `width` (2 to 4) decimal digits of a value known to fit them. Divisions by
    /// constants, which compile to multiplications.
    private static func writeDigits(_ value: Int, width: Int, to out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        var at = at
        if width >= 4 { out[at] = UInt8(ascii: "0") + UInt8(value / 1000 % 10); at += 1 }
        if width >= 3 { out[at] = UInt8(ascii: "0") + UInt8(value / 100 % 10); at += 1 }
        out[at] = UInt8(ascii: "0") + UInt8(value / 10 % 10)
        out[at + 1] = UInt8(ascii: "0") + UInt8(value % 10)
        return at + 2
    }

    /// The decimal digits of `value` at `at` (at most 20). Returns the index after them.
    private static func writeDecimal(_ value: UInt64, to out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        rest = value
        for index in stride(from: at + digits - 1, through: at, by: -1) {
            out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        return at + digits
    }
}
