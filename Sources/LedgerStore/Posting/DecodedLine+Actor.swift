import LedgerDomain

extension DecodedLine {
    /// The line as a user of the HTTP service posts it (SPEC 8.1): the event's `actor` is the
    /// user's name. An event naming no actor is given it; one naming another is rejected
    /// (`invalid_field`), so nobody can record an event in someone else's name.
    init(_ line: InputLine, postedBy user: String) {
        let plain = DecodedLine(line)
        guard case .event(var event)? = plain.decoded else {
            self = plain
            return
        }
        if let actor = event.actor, actor != user {
            self.init(number: line.number,
                      decoded: .malformed(id: event.id, Rejection(.invalidField, "\"actor\" must be absent or the name you are logged in as")),
                      openFields: [])
            return
        }
        guard event.actor == nil else {
            self = plain
            return
        }
        event.actor = user
        self.init(typed: event, number: line.number)
    }

    private init(number: Int, decoded: DecodedEvent?, openFields: [UInt8]) {
        self.number = number
        self.decoded = decoded
        self.openFields = openFields
        effect = DecodedLine.effect(of: openFields)
    }
}
