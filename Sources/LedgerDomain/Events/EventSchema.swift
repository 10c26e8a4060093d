/// What each field of an event may hold (SPEC 2), in the order the fields are written back.
enum FieldRule: Sendable {
    /// 1–128 printable ASCII characters: event ids, commitment ids, `reverses`.
    case identifier
    case budgetIdentifier
    case text(lengthMax: Int, allowsEmpty: Bool)
    case amount
    case amountOrZero
    case date
    case pot
    case pots
    /// SPEC 7.2 `matched`: an array of event ids (each as `identifier`), possibly empty.
    case identifiers
    case holdingModel
    case direction
    case category
    case type
    /// SPEC 9: a plan line, schedule or repayment request, 1–40 of `A-Z a-z 0-9 . _ -`.
    case carePlanName
    case funding
    case scheduleKind
    case frequency
    case outcome
    case grounds
}

struct FieldSpec: Sendable {
    let field: FieldName
    let rule: FieldRule
    let isRequired: Bool

    init(_ field: FieldName, rule: FieldRule, isRequired: Bool) {
        self.field = field
        self.rule = rule
        self.isRequired = isRequired
    }

    var name: String { field.key }
}

enum EventSchema {
    static let identifierLengthMax = 128
    static let budgetIdentifierLengthMax = 64
    static let actorLengthMax = 128
    static let noteLengthMax = 1024
    /// Names, payees, reasons, references: long enough for any real one, short enough to bound a record.
    static let textLengthMax = 256

    static let leadingFields: [FieldSpec] = [
        FieldSpec(.id, rule: .identifier, isRequired: true),
        FieldSpec(.type, rule: .type, isRequired: true),
        FieldSpec(.budget, rule: .budgetIdentifier, isRequired: true),
        FieldSpec(.date, rule: .date, isRequired: true),
    ]

    static let trailingFields: [FieldSpec] = [
        FieldSpec(.actor, rule: .text(lengthMax: actorLengthMax, allowsEmpty: true), isRequired: false),
        FieldSpec(.note, rule: .text(lengthMax: noteLengthMax, allowsEmpty: true), isRequired: false),
    ]

    /// Fields the ledger adds on append; accepted in input (so `export` output posts again) and ignored.
    static let envelopeFields = FieldSet([.seq, .version, .recordedAt, .hash])
    /// The envelope fields `export` writes as JSON numbers; the others are strings. A value of
    /// another JSON type is `invalid_field`, though a well-typed one is still ignored.
    static let numericEnvelopeFields = FieldSet([.seq, .version])

    /// Why an envelope field's value cannot be accepted, or nil: the JSON type `export` writes
    /// it with, and for a string no control character (SPEC 4.4, every string of an event).
    static func envelopeRejection(_ value: JSONValue, of field: FieldName) -> Rejection? {
        let isNumeric = numericEnvelopeFields.contains(field)
        switch value {
        case .number where isNumeric:
            return nil
        case .string(var text) where !isNumeric:
            guard let control = text.withUTF8({ FieldValue.firstControlCharacter(UnsafeRawBufferPointer($0)) }) else { return nil }
            return Rejection(.invalidField, "\"\(field.key)\" holds the control character U+\(control): text may hold none (U+0000–U+001F, U+007F–U+009F)")
        default:
            return Rejection(.invalidField, "\"\(field.key)\" must be \(isNumeric ? "a number" : "a string"), not \(value.kindDescription)")
        }
    }

    private static let name = FieldRule.text(lengthMax: textLengthMax, allowsEmpty: false)

    /// Built once: decoding runs for every posted line.
    static let ownFieldsByKind: [EventKind: [FieldSpec]] =
        Dictionary(uniqueKeysWithValues: EventKind.allCases.map { ($0, declaredOwnFields(of: $0)) })

    static func ownFields(of kind: EventKind) -> [FieldSpec] { ownFieldsByKind[kind]! }

    /// Per kind, in `EventKind.allCases` order (see `EventKind.ordinal`): the tables decoding
    /// consults for every line, built once.
    struct KindTable: Sendable {
        /// Leading, own and trailing fields, in the order they are validated and written back.
        let fields: [FieldSpec]
        /// Every field an event of the kind may carry, envelope fields included.
        let accepted: FieldSet
        let required: FieldSet
    }

    static let kindTables: [KindTable] = EventKind.allCases.map { kind in
        let fields = leadingFields + ownFields(of: kind) + trailingFields
        return KindTable(fields: fields, accepted: FieldSet(fields.map(\.field)).union(envelopeFields),
                         required: FieldSet(fields.filter(\.isRequired).map(\.field)))
    }

    static func table(of kind: EventKind) -> KindTable { kindTables[kind.ordinal] }

    private static func declaredOwnFields(of kind: EventKind) -> [FieldSpec] {
        switch kind {
        case .budgetOpened:
            return [FieldSpec(.person, rule: name, isRequired: true),
                    FieldSpec(.holdingModel, rule: .holdingModel, isRequired: true),
                    FieldSpec(.pots, rule: .pots, isRequired: false),
                    FieldSpec(.periodStart, rule: .date, isRequired: true),
                    FieldSpec(.periodEnd, rule: .date, isRequired: true),
                    FieldSpec(.cohort, rule: .category, isRequired: false)]
        case .allocation:
            return [FieldSpec(.pot, rule: .pot, isRequired: false),
                    FieldSpec(.amount, rule: .amount, isRequired: true),
                    FieldSpec(.direction, rule: .direction, isRequired: false)]
        case .notionalCommitment:
            return [FieldSpec(.commitment, rule: .identifier, isRequired: true),
                    FieldSpec(.provider, rule: name, isRequired: true),
                    FieldSpec(.category, rule: .category, isRequired: true),
                    FieldSpec(.amount, rule: .amount, isRequired: true),
                    FieldSpec(.line, rule: .carePlanName, isRequired: false)]
        case .commitmentRelease:
            return [FieldSpec(.commitment, rule: .identifier, isRequired: true),
                    FieldSpec(.amount, rule: .amount, isRequired: false)]
        case .thirdPartyTransfer:
            return [FieldSpec(.organisation, rule: name, isRequired: true),
                    FieldSpec(.amount, rule: .amount, isRequired: true)]
        case .directPaymentTransfer:
            return [FieldSpec(.amount, rule: .amount, isRequired: true)]
        case .payment:
            return [FieldSpec(.pot, rule: .pot, isRequired: false),
                    FieldSpec(.payee, rule: name, isRequired: true),
                    FieldSpec(.category, rule: .category, isRequired: true),
                    FieldSpec(.amount, rule: .amount, isRequired: true),
                    FieldSpec(.commitment, rule: .identifier, isRequired: false),
                    FieldSpec(.reference, rule: name, isRequired: false),
                    FieldSpec(.line, rule: .carePlanName, isRequired: false)]
        case .recovery:
            return [FieldSpec(.pot, rule: .pot, isRequired: false),
                    FieldSpec(.amount, rule: .amount, isRequired: true),
                    FieldSpec(.reason, rule: name, isRequired: true),
                    FieldSpec(.repayment, rule: .carePlanName, isRequired: false)]
        case .reconciliation:
            return [FieldSpec(.pot, rule: .pot, isRequired: false),
                    FieldSpec(.periodEnd, rule: .date, isRequired: true),
                    FieldSpec(.statementBalance, rule: .amountOrZero, isRequired: true),
                    FieldSpec(.periodStart, rule: .date, isRequired: false),
                    FieldSpec(.matched, rule: .identifiers, isRequired: false)]
        case .reversal:
            return [FieldSpec(.reverses, rule: .identifier, isRequired: true),
                    FieldSpec(.reason, rule: name, isRequired: true)]
        case .budgetClosed:
            return []
        // SPEC 9, in the order of its table.
        case .planLine:
            return [FieldSpec(.line, rule: .carePlanName, isRequired: true),
                    FieldSpec(.pot, rule: .pot, isRequired: false),
                    FieldSpec(.category, rule: .category, isRequired: true),
                    FieldSpec(.amount, rule: .amountOrZero, isRequired: true),
                    FieldSpec(.description, rule: .text(lengthMax: noteLengthMax, allowsEmpty: true), isRequired: false),
                    FieldSpec(.funding, rule: .funding, isRequired: false)]
        case .scheduleSet:
            return [FieldSpec(.schedule, rule: .carePlanName, isRequired: true),
                    FieldSpec(.kind, rule: .scheduleKind, isRequired: true),
                    FieldSpec(.amount, rule: .amount, isRequired: true),
                    FieldSpec(.every, rule: .frequency, isRequired: true),
                    FieldSpec(.first, rule: .date, isRequired: true),
                    FieldSpec(.last, rule: .date, isRequired: false),
                    FieldSpec(.organisation, rule: name, isRequired: false)]
        case .scheduleEnded:
            return [FieldSpec(.schedule, rule: .carePlanName, isRequired: true),
                    FieldSpec(.last, rule: .date, isRequired: true)]
        case .review:
            return [FieldSpec(.outcome, rule: .outcome, isRequired: true),
                    FieldSpec(.nextReview, rule: .date, isRequired: false)]
        case .repaymentRequested:
            return [FieldSpec(.repayment, rule: .carePlanName, isRequired: true),
                    FieldSpec(.pot, rule: .pot, isRequired: false),
                    FieldSpec(.amount, rule: .amount, isRequired: true),
                    FieldSpec(.grounds, rule: .grounds, isRequired: true),
                    FieldSpec(.due, rule: .date, isRequired: true)]
        case .repaymentWaived:
            return [FieldSpec(.repayment, rule: .carePlanName, isRequired: true),
                    FieldSpec(.amount, rule: .amount, isRequired: false),
                    FieldSpec(.reason, rule: name, isRequired: true)]
        }
    }
}
