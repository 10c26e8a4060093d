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
    case holdingModel
    case direction
    case category
    case type
}

struct FieldSpec: Sendable {
    let name: String
    let rule: FieldRule
    let isRequired: Bool
}

enum EventSchema {
    static let identifierLengthMax = 128
    static let budgetIdentifierLengthMax = 64
    static let actorLengthMax = 128
    static let noteLengthMax = 1024
    /// Names, payees, reasons, references: long enough for any real one, short enough to bound a record.
    static let textLengthMax = 256

    static let leadingFields: [FieldSpec] = [
        FieldSpec(name: "id", rule: .identifier, isRequired: true),
        FieldSpec(name: "type", rule: .type, isRequired: true),
        FieldSpec(name: "budget", rule: .budgetIdentifier, isRequired: true),
        FieldSpec(name: "date", rule: .date, isRequired: true),
    ]

    static let trailingFields: [FieldSpec] = [
        FieldSpec(name: "actor", rule: .text(lengthMax: actorLengthMax, allowsEmpty: true), isRequired: false),
        FieldSpec(name: "note", rule: .text(lengthMax: noteLengthMax, allowsEmpty: true), isRequired: false),
    ]

    /// Fields the ledger adds on append; accepted in input (so `export` output posts again) and ignored.
    static let envelopeFields: Set<String> = ["seq", "version", "recorded_at", "hash"]

    private static let name = FieldRule.text(lengthMax: textLengthMax, allowsEmpty: false)

    /// Built once: decoding runs for every posted line.
    static let ownFieldsByKind: [EventKind: [FieldSpec]] =
        Dictionary(uniqueKeysWithValues: EventKind.allCases.map { ($0, declaredOwnFields(of: $0)) })

    /// Every field name an event of the kind may carry, envelope fields included.
    static let acceptedNamesByKind: [EventKind: Set<String>] = Dictionary(uniqueKeysWithValues: EventKind.allCases.map { kind in
        (kind, Set((leadingFields + ownFieldsByKind[kind]! + trailingFields).map(\.name)).union(envelopeFields))
    })

    static func ownFields(of kind: EventKind) -> [FieldSpec] { ownFieldsByKind[kind]! }

    private static func declaredOwnFields(of kind: EventKind) -> [FieldSpec] {
        switch kind {
        case .budgetOpened:
            return [FieldSpec(name: "person", rule: name, isRequired: true),
                    FieldSpec(name: "holding_model", rule: .holdingModel, isRequired: true),
                    FieldSpec(name: "pots", rule: .pots, isRequired: false),
                    FieldSpec(name: "period_start", rule: .date, isRequired: true),
                    FieldSpec(name: "period_end", rule: .date, isRequired: true)]
        case .allocation:
            return [FieldSpec(name: "pot", rule: .pot, isRequired: false),
                    FieldSpec(name: "amount", rule: .amount, isRequired: true),
                    FieldSpec(name: "direction", rule: .direction, isRequired: false)]
        case .notionalCommitment:
            return [FieldSpec(name: "commitment", rule: .identifier, isRequired: true),
                    FieldSpec(name: "provider", rule: name, isRequired: true),
                    FieldSpec(name: "category", rule: .category, isRequired: true),
                    FieldSpec(name: "amount", rule: .amount, isRequired: true)]
        case .commitmentRelease:
            return [FieldSpec(name: "commitment", rule: .identifier, isRequired: true),
                    FieldSpec(name: "amount", rule: .amount, isRequired: false)]
        case .thirdPartyTransfer:
            return [FieldSpec(name: "organisation", rule: name, isRequired: true),
                    FieldSpec(name: "amount", rule: .amount, isRequired: true)]
        case .directPaymentTransfer:
            return [FieldSpec(name: "amount", rule: .amount, isRequired: true)]
        case .payment:
            return [FieldSpec(name: "pot", rule: .pot, isRequired: false),
                    FieldSpec(name: "payee", rule: name, isRequired: true),
                    FieldSpec(name: "category", rule: .category, isRequired: true),
                    FieldSpec(name: "amount", rule: .amount, isRequired: true),
                    FieldSpec(name: "commitment", rule: .identifier, isRequired: false),
                    FieldSpec(name: "reference", rule: name, isRequired: false)]
        case .recovery:
            return [FieldSpec(name: "pot", rule: .pot, isRequired: false),
                    FieldSpec(name: "amount", rule: .amount, isRequired: true),
                    FieldSpec(name: "reason", rule: name, isRequired: true)]
        case .reconciliation:
            return [FieldSpec(name: "pot", rule: .pot, isRequired: false),
                    FieldSpec(name: "period_end", rule: .date, isRequired: true),
                    FieldSpec(name: "statement_balance", rule: .amountOrZero, isRequired: true),
                    FieldSpec(name: "period_start", rule: .date, isRequired: false)]
        case .reversal:
            return [FieldSpec(name: "reverses", rule: .identifier, isRequired: true),
                    FieldSpec(name: "reason", rule: name, isRequired: true)]
        case .budgetClosed:
            return []
        }
    }
}
