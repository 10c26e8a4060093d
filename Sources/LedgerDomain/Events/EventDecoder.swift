/// Turns a parsed JSON object into a typed `Event`, or the first shape rejection of SPEC 4:
/// `missing_field`, then `unknown_type`, then `invalid_field`. It knows nothing of the ledger.
public enum EventDecoder {
    /// Parses and decodes one line of a JSON Lines file.
    public static func decode(line: [UInt8]) -> Result<Event, Rejection> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            return .failure(Rejection(.malformedJSON, "the line is not valid JSON: \(error.message)"))
        }
        return decode(value)
    }

    /// The `id` of an event, if it has one that is a string: needed before the shape checks,
    /// because SPEC 4 reports `id_conflict` (or `duplicate`) before anything else but bad JSON.
    public static func identifier(of value: JSONValue) -> String? {
        guard case .object(let members) = value,
              let member = members.first(where: { $0.key == "id" }),
              case .string(let id) = member.value else { return nil }
        return id
    }

    /// SPEC 2: 1–128 printable ASCII characters.
    public static func isIdentifier(_ text: String) -> Bool {
        // Over the UTF-8 in place: walking the UTF8View cost ~350 instructions for a ten-byte
        // budget id, a fifth of an LMDB get.
        var text = text
        return text.withUTF8 { isIdentifier(UnsafeRawBufferPointer($0)) }
    }

    static func isIdentifier(_ utf8: UnsafeRawBufferPointer) -> Bool {
        utf8.count >= 1 && utf8.count <= EventSchema.identifierLengthMax && utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
    }

    public static func decode(_ value: JSONValue) -> Result<Event, Rejection> {
        guard case .object(let members) = value else {
            return .failure(Rejection(.malformedJSON, "an event must be a JSON object, not \(value.kindDescription)"))
        }
        do {
            return .success(try decode(members: members))
        } catch let rejection as Rejection {
            return .failure(rejection)
        } catch {
            return .failure(Rejection(.invalidField, "\(error)"))
        }
    }

    private static func decode(members: [JSONMember]) throws -> Event {
        let fields = Fields(members: members)
        for spec in EventSchema.leadingFields where fields[spec.name] == nil {
            throw Rejection(.missingField, "the field \"\(spec.name)\" is required")
        }
        // A `type` that is not a string is not one of the types either: SPEC 4 orders
        // unknown_type before invalid_field.
        let type = fields["type"]!
        guard case .string(let typeName) = type, let kind = EventKind(rawValue: typeName) else {
            let known = EventKind.allCases.map(\.rawValue).joined(separator: ", ")
            let given = if case .string(let typeName) = type { "\"\(typeName)\"" } else { type.kindDescription }
            throw Rejection(.unknownType, "\(given) is not an event type (one of: \(known))")
        }
        let ownFields = EventSchema.ownFields(of: kind)
        for spec in ownFields where spec.isRequired && fields[spec.name] == nil {
            throw Rejection(.missingField, "a \(kind.rawValue) event requires the field \"\(spec.name)\"")
        }
        if kind == .budgetOpened, fields["pots"] == nil, case .string("mixed") = fields["holding_model"]! {
            throw Rejection(.missingField, "a mixed budget requires the field \"pots\"")
        }
        // SPEC 9: fields required by another field's value.
        if kind == .scheduleSet, fields["organisation"] == nil, case .string("third_party_transfer") = fields["kind"]! {
            throw Rejection(.missingField, "a third_party_transfer schedule requires the field \"organisation\"")
        }
        if kind == .review, fields["next_review"] == nil, fields["outcome"]! != .string("stop") {
            throw Rejection(.missingField, "a review requires the field \"next_review\" unless its outcome is stop")
        }
        let table = EventSchema.table(of: kind)
        if let unknown = members.first(where: { FieldName.named($0.key).map { !table.accepted.contains($0) } ?? true }) {
            throw Rejection(.invalidField, "\"\(unknown.key)\" is not a field of a \(kind.rawValue) event")
        }
        for member in members {
            guard let field = FieldName.named(member.key), EventSchema.envelopeFields.contains(field) else { continue }
            if let rejection = EventSchema.envelopeRejection(member.value, of: field) { throw rejection }
        }
        var values = FieldValues()
        for spec in table.fields {
            guard let raw = fields[spec.name] else { continue }
            values.set(spec.field, try FieldValue.validate(raw, as: spec))
        }
        return try Event(kind: kind, values: values)
    }
}

/// Lookup of members by key without building a dictionary for every line.
private struct Fields {
    let members: [JSONMember]
    subscript(name: String) -> JSONValue? { members.first(where: { $0.key == name })?.value }
}
