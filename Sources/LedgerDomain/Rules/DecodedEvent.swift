/// One input line made ready for the rules: a well-formed event, or why it is not one. It
/// depends on the line alone, so the store prepares it away from the write transaction.
public enum DecodedEvent: Equatable, Sendable {
    case event(Event)
    /// Not an event: why (`malformed_json` or a shape code), and the line's `id` when that is
    /// a string, since SPEC 4.2 reports a recorded id before anything else is said of the line.
    case malformed(id: String?, Rejection)

    /// The one decoding ladder of SPEC 4.1's first steps: the fast decoder for the lines it
    /// reads (nearly all), else the JSON parser (`malformed_json`) and the strict decoder
    /// (the shape codes), which report exactly what is wrong.
    public static func decode(_ line: UnsafeRawBufferPointer) -> DecodedEvent {
        if let event = EventLineDecoder.decode(line) { return .event(event) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            return .malformed(id: nil, Rejection(.malformedJSON, "the line is not valid JSON: \(error.message)"))
        }
        switch EventDecoder.decode(value) {
        case .success(let event): return .event(event)
        case .failure(let rejection): return .malformed(id: EventDecoder.identifier(of: value), rejection)
        }
    }

    public static func decode(_ line: [UInt8]) -> DecodedEvent {
        line.withUnsafeBytes { decode($0) }
    }
}
