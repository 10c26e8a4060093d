extension EventDecoder {
    /// Why a typed event could not have come from a JSON line, or nil when it could. A typed
    /// event can hold what no line may (an empty id, a negative amount, a date in the year 0), so
    /// the library's typed posting path holds it to SPEC 2 exactly as a line: its fields are
    /// written as the JSON line they make and decoded back, by the same code that decodes lines.
    public static func shapeRejection(of event: Event) -> Rejection? {
        var writer = JSONWriter()
        writer.beginObject()
        EventEncoder.writeFields(of: event, into: &writer)
        writer.endObject()
        return shapeRejection(of: event, writtenAs: writer.takeBytes())
    }

    /// The same, given the line the event's fields make (`{` fields `}`), written by the caller.
    public static func shapeRejection(of event: Event, writtenAs line: [UInt8]) -> Rejection? {
        switch DecodedEvent.decode(line) {
        case .malformed(_, let rejection):
            return rejection
        case .event(let roundTripped):
            // Writing then reading a valid event gives it back; anything else would be a bug here.
            return roundTripped == event ? nil : Rejection(.invalidField, "the event does not read back as itself from its JSON form")
        }
    }
}
