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
        let count = text.utf8.count
        return count >= 1 && count <= EventSchema.identifierLengthMax && text.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
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
        let accepted = EventSchema.acceptedNamesByKind[kind]!
        if let unknown = members.first(where: { !accepted.contains($0.key) }) {
            throw Rejection(.invalidField, "\"\(unknown.key)\" is not a field of a \(kind.rawValue) event")
        }
        var values: [String: FieldValue] = [:]
        for spec in EventSchema.leadingFields + ownFields + EventSchema.trailingFields {
            guard let raw = fields[spec.name] else { continue }
            values[spec.name] = try FieldValue.validate(raw, as: spec)
        }
        return try Event(kind: kind, values: FieldValues(values))
    }
}

/// Lookup of members by key without building a dictionary for every line.
private struct Fields {
    let members: [JSONMember]
    subscript(name: String) -> JSONValue? { members.first(where: { $0.key == name })?.value }
}

/// One validated field value.
enum FieldValue {
    case text(String)
    case money(Money)
    case date(CalendarDate)
    case pot(Pot)
    case pots([Pot])
    case holdingModel(HoldingModel)
    case direction(AllocationDirection)

    static func validate(_ value: JSONValue, as spec: FieldSpec) throws -> FieldValue {
        let name = spec.name
        if case .pots = spec.rule { return try validatePots(value) }
        guard case .string(let text) = value else {
            if case .number = value, case .amount = spec.rule {
                throw Rejection(.invalidField, "\"\(name)\" must be a string such as \"12.50\", not a JSON number: floating point never touches money")
            }
            throw Rejection(.invalidField, "\"\(name)\" must be a string, not \(value.kindDescription)")
        }
        switch spec.rule {
        case .type:
            return .text(text)
        case .identifier:
            guard EventDecoder.isIdentifier(text) else {
                throw Rejection(.invalidField, "\"\(name)\" must be 1–\(EventSchema.identifierLengthMax) printable ASCII characters")
            }
            return .text(text)
        case .budgetIdentifier:
            let count = text.utf8.count
            guard count >= 1, count <= EventSchema.budgetIdentifierLengthMax, text.utf8.allSatisfy(isBudgetCharacter) else {
                throw Rejection(.invalidField, "\"budget\" must be 1–\(EventSchema.budgetIdentifierLengthMax) of A-Z a-z 0-9 . _ -")
            }
            return .text(text)
        case .text(let lengthMax, let allowsEmpty):
            let count = text.unicodeScalars.count
            guard count <= lengthMax, allowsEmpty || count > 0 else {
                throw Rejection(.invalidField, "\"\(name)\" must be \(allowsEmpty ? "at most" : "1 to") \(lengthMax) characters")
            }
            return .text(text)
        case .amount, .amountOrZero:
            guard let money = Money(amount: text) else {
                throw Rejection(.invalidField, "\"\(name)\" \"\(text)\" is not an amount: a decimal with at most \(Money.wholeDigitsMax) digits before the point and \(Money.fractionDigitsMax) after it")
            }
            if case .amount = spec.rule, money.pence == 0 {
                throw Rejection(.invalidField, "\"\(name)\" must be greater than zero")
            }
            return .money(money)
        case .date:
            guard let date = CalendarDate(iso: text) else {
                throw Rejection(.invalidField, "\"\(name)\" \"\(text)\" is not a calendar date YYYY-MM-DD")
            }
            return .date(date)
        case .pot:
            guard let pot = Pot(rawValue: text) else {
                throw Rejection(.invalidField, "\"\(name)\" \"\(text)\" is not a pot (notional, third_party or direct_payment)")
            }
            return .pot(pot)
        case .holdingModel:
            guard let model = HoldingModel(rawValue: text) else {
                throw Rejection(.invalidField, "\"holding_model\" \"\(text)\" must be notional, third_party, direct_payment or mixed")
            }
            return .holdingModel(model)
        case .direction:
            guard let direction = AllocationDirection(rawValue: text) else {
                throw Rejection(.invalidField, "\"direction\" must be increase or decrease")
            }
            return .direction(direction)
        case .category:
            guard isCategory(text) else {
                throw Rejection(.invalidField, "\"category\" \"\(text)\" must be a lower-case snake_case word")
            }
            return .text(text)
        case .pots:
            preconditionFailure("handled above")
        }
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
    static func isCategory(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        guard let first = bytes.next(), first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        while let byte = bytes.next() {
            let allowed = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            if !allowed { return false }
        }
        return true
    }
}

/// Typed access to the validated fields; a wrong access is a programming error.
struct FieldValues {
    let values: [String: FieldValue]
    init(_ values: [String: FieldValue]) { self.values = values }

    func text(_ name: String) -> String? { if case .text(let v)? = values[name] { return v }; return nil }
    func money(_ name: String) -> Money? { if case .money(let v)? = values[name] { return v }; return nil }
    func date(_ name: String) -> CalendarDate? { if case .date(let v)? = values[name] { return v }; return nil }
    func pot(_ name: String) -> Pot? { if case .pot(let v)? = values[name] { return v }; return nil }
    var pots: [Pot]? { if case .pots(let v)? = values["pots"] { return v }; return nil }
    var holdingModel: HoldingModel? { if case .holdingModel(let v)? = values["holding_model"] { return v }; return nil }
    var direction: AllocationDirection? { if case .direction(let v)? = values["direction"] { return v }; return nil }
}

extension Event {
    /// Builds the event from validated fields and checks the rules that span fields.
    init(kind: EventKind, values: FieldValues) throws {
        let body: EventBody
        switch kind {
        case .budgetOpened:
            let model = values.holdingModel!
            if model != .mixed, values.pots != nil {
                throw Rejection(.invalidField, "\"pots\" is only for a mixed budget")
            }
            let start = values.date("period_start")!, end = values.date("period_end")!
            guard start <= end else {
                throw Rejection(.invalidField, "\"period_start\" \(start) is after \"period_end\" \(end)")
            }
            body = .budgetOpened(BudgetOpening(person: values.text("person")!, holdingModel: model, pots: values.pots,
                                               periodStart: start, periodEnd: end))
        case .allocation:
            body = .allocation(pot: values.pot("pot"), amount: values.money("amount")!, direction: values.direction)
        case .notionalCommitment:
            body = .notionalCommitment(commitment: values.text("commitment")!, provider: values.text("provider")!,
                                       category: values.text("category")!, amount: values.money("amount")!)
        case .commitmentRelease:
            body = .commitmentRelease(commitment: values.text("commitment")!, amount: values.money("amount"))
        case .thirdPartyTransfer:
            body = .thirdPartyTransfer(organisation: values.text("organisation")!, amount: values.money("amount")!)
        case .directPaymentTransfer:
            body = .directPaymentTransfer(amount: values.money("amount")!)
        case .payment:
            let pot = values.pot("pot")
            if values.text("commitment") != nil, let pot, pot != .notional {
                throw Rejection(.invalidField, "a payment against a commitment is a notional payment; \"pot\" may not be \(pot.rawValue)")
            }
            body = .payment(Payment(pot: pot, payee: values.text("payee")!, category: values.text("category")!,
                                    amount: values.money("amount")!, commitment: values.text("commitment"),
                                    reference: values.text("reference")))
        case .recovery:
            let pot = values.pot("pot")
            if pot == .notional { throw Rejection(.invalidField, "a recovery is from a third_party or direct_payment pot") }
            body = .recovery(pot: pot, amount: values.money("amount")!, reason: values.text("reason")!)
        case .reconciliation:
            let pot = values.pot("pot")
            if pot == .notional { throw Rejection(.invalidField, "a reconciliation is of a third_party or direct_payment pot") }
            let end = values.date("period_end")!
            if let start = values.date("period_start"), start > end {
                throw Rejection(.invalidField, "\"period_start\" \(start) is after \"period_end\" \(end)")
            }
            body = .reconciliation(pot: pot, periodEnd: end, statementBalance: values.money("statement_balance")!,
                                   periodStart: values.date("period_start"))
        case .reversal:
            body = .reversal(reverses: values.text("reverses")!, reason: values.text("reason")!)
        case .budgetClosed:
            body = .budgetClosed
        }
        self.init(id: values.text("id")!, budget: values.text("budget")!, date: values.date("date")!,
                  actor: values.text("actor"), note: values.text("note"), body: body)
    }
}
