import LedgerDomain

/// A line made ready for posting without the ledger: decoded and, when it is a well-formed
/// event, the first part of its canonical bytes written (`EventEncoder.appendOpenFields`).
/// Both depend on the line alone, so a large post prepares lines on a second core while the
/// writer checks and appends the ones before them (`DecodingPipeline`).
struct DecodedLine: Sendable {
    enum Content: Sendable {
        case blank
        case event(Event, openFields: [UInt8])
        /// Not an event: why, and the line's `id` when that is a string (SPEC 4.2 reports a
        /// recorded id before anything else is said about the line).
        case malformed(id: String?, Rejection)
    }

    /// 1-based, counting every physical line, blank ones included.
    let number: Int
    let content: Content

    init(_ line: InputLine) {
        number = line.number
        content = DecodedLine.decode(line)
    }

    /// A typed event from the API, held to the same field rules as a line: its fields are written
    /// once, checked by decoding them back, and kept for the canonical bytes.
    init(typed event: Event, number: Int) {
        self.number = number
        var fields: [UInt8] = []
        fields.reserveCapacity(512)
        EventEncoder.appendOpenFields(of: event, to: &fields)
        fields.append(UInt8(ascii: "}"))
        if let rejection = EventDecoder.shapeRejection(of: event, writtenAs: fields) {
            content = .malformed(id: event.id, rejection)
        } else {
            fields.removeLast()
            content = .event(event, openFields: fields)
        }
    }

    private static func decode(_ line: InputLine) -> Content {
        if line.isTooLong {
            return .malformed(id: nil, Rejection(.malformedJSON, "the line is longer than \(LineReader.lineLengthMax) bytes"))
        }
        if line.isBlank { return .blank }
        if let event = line.bytes.withUnsafeBytes(EventLineDecoder.decode) { return encoded(event) }
        // The strict path, for everything the fast decoder steps aside from; rejections included.
        let value: JSONValue
        do {
            value = try JSONParser.parse(line.bytes)
        } catch {
            return .malformed(id: nil, Rejection(.malformedJSON, "the line is not valid JSON: \(error.message)"))
        }
        switch EventDecoder.decode(value) {
        case .success(let event): return encoded(event)
        case .failure(let rejection): return .malformed(id: EventDecoder.identifier(of: value), rejection)
        }
    }

    private static func encoded(_ event: Event) -> Content {
        var fields: [UInt8] = []
        fields.reserveCapacity(512)
        EventEncoder.appendOpenFields(of: event, to: &fields)
        return .event(event, openFields: fields)
    }
}
