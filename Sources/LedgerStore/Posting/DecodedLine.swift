import LedgerDomain

/// A line made ready for posting without the ledger: decoded (`DecodedEvent.decode`, the one
/// decoding ladder) and, when it is a well-formed event, the first part of its canonical bytes
/// written (`EventEncoder.appendOpenFields`) and its money effect derived from them. All depend
/// on the line alone, so a large post prepares lines on a second core while the writer checks
/// and appends the ones before them (`DecodingPipeline`), and a group commit's callers prepare
/// their own.
struct DecodedLine: Sendable {
    /// 1-based, counting every physical line, blank ones included.
    let number: Int
    /// Nil for a blank line, which is skipped.
    let decoded: DecodedEvent?
    /// For an event, `{` and its fields in canonical form, the object left open; else empty.
    let openFields: [UInt8]
    /// For an event, its money effect record (`MoneyEffect`), derived from `openFields` as
    /// `verify` derives it from the whole canonical bytes: the envelope after them carries no
    /// money. Else empty.
    let effect: [UInt8]

    init(_ line: InputLine) {
        number = line.number
        if line.isTooLong {
            decoded = .malformed(id: nil, Rejection(.malformedJSON, "the line is longer than \(LineReader.lineLengthMax) bytes"))
        } else if line.isBlank {
            decoded = nil
        } else {
            decoded = line.bytes.withUnsafeBytes(DecodedEvent.decode)
        }
        openFields = if case .event(let event)? = decoded { DecodedLine.openFields(of: event) } else { [] }
        effect = DecodedLine.effect(of: openFields)
    }

    /// A typed event from the API, held to the same field rules as a line: its fields are written
    /// once, checked by decoding them back, and kept for the canonical bytes.
    init(typed event: Event, number: Int) {
        self.number = number
        var fields = DecodedLine.openFields(of: event)
        fields.append(UInt8(ascii: "}"))
        if let rejection = EventDecoder.shapeRejection(of: event, writtenAs: fields) {
            decoded = .malformed(id: event.id, rejection)
            openFields = []
        } else {
            fields.removeLast()
            decoded = .event(event)
            openFields = fields
        }
        effect = DecodedLine.effect(of: openFields)
    }

    private static func openFields(of event: Event) -> [UInt8] {
        var fields: [UInt8] = []
        fields.reserveCapacity(512)
        EventEncoder.appendOpenFields(of: event, to: &fields)
        return fields
    }

    /// The money effect record of an event's open fields; empty when there are none.
    static func effect(of openFields: [UInt8]) -> [UInt8] {
        guard !openFields.isEmpty else { return [] }
        var effect: [UInt8] = []
        openFields.withUnsafeBytes { MoneyEffect.encode(canonical: $0, into: &effect) }
        return effect
    }
}
