/// Writes an event back as JSON in its canonical form: keys in the order of SPEC 2's tables
/// (`id`, `type`, `budget`, `date`, the type's own fields, `actor`, `note`), optional fields
/// only when they were posted, amounts with exactly two decimals, no spaces.
public enum EventEncoder {
    /// The event's own fields, without braces, so that callers can add the envelope or `after`.
    public static func writeFields(of event: Event, into writer: inout JSONWriter) {
        writer.field("id", event.id)
        writer.field("type", event.kind.rawValue)
        writer.field("budget", event.budget)
        writer.field("date", event.date.description)
        switch event.body {
        case .budgetOpened(let opening):
            writer.field("person", opening.person)
            writer.field("holding_model", opening.holdingModel.rawValue)
            if let pots = opening.pots {
                writer.key("pots")
                writer.beginArray()
                for pot in pots { writer.string(pot.rawValue) }
                writer.endArray()
            }
            writer.field("period_start", opening.periodStart.description)
            writer.field("period_end", opening.periodEnd.description)
        case .allocation(let pot, let amount, let direction):
            writer.field("pot", optional: pot?.rawValue)
            writer.field("amount", amount)
            writer.field("direction", optional: direction?.rawValue)
        case .notionalCommitment(let commitment, let provider, let category, let amount):
            writer.field("commitment", commitment)
            writer.field("provider", provider)
            writer.field("category", category)
            writer.field("amount", amount)
        case .commitmentRelease(let commitment, let amount):
            writer.field("commitment", commitment)
            if let amount { writer.field("amount", amount) }
        case .thirdPartyTransfer(let organisation, let amount):
            writer.field("organisation", organisation)
            writer.field("amount", amount)
        case .directPaymentTransfer(let amount):
            writer.field("amount", amount)
        case .payment(let payment):
            writer.field("pot", optional: payment.pot?.rawValue)
            writer.field("payee", payment.payee)
            writer.field("category", payment.category)
            writer.field("amount", payment.amount)
            writer.field("commitment", optional: payment.commitment)
            writer.field("reference", optional: payment.reference)
        case .recovery(let pot, let amount, let reason):
            writer.field("pot", optional: pot?.rawValue)
            writer.field("amount", amount)
            writer.field("reason", reason)
        case .reconciliation(let pot, let periodEnd, let statementBalance, let periodStart):
            writer.field("pot", optional: pot?.rawValue)
            writer.field("period_end", periodEnd.description)
            writer.field("statement_balance", statementBalance)
            writer.field("period_start", optional: periodStart?.description)
        case .reversal(let reverses, let reason):
            writer.field("reverses", reverses)
            writer.field("reason", reason)
        case .budgetClosed:
            break
        }
        writer.field("actor", optional: event.actor)
        writer.field("note", optional: event.note)
    }

    /// The canonical bytes of a recorded event: its fields then `seq`, `version`, `recorded_at`.
    /// The hash chain (SPEC 5) is computed over exactly these bytes.
    public static func canonicalBytes(of event: Event, envelope: Envelope) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writeFields(of: event, into: &writer)
        writeEnvelope(envelope, into: &writer)
        writer.endObject()
        return writer.bytes
    }

    public static func writeEnvelope(_ envelope: Envelope, into writer: inout JSONWriter) {
        writer.field("seq", envelope.seq)
        writer.field("version", envelope.version)
        writer.field("recorded_at", envelope.recordedAt.description)
    }
}

/// What the ledger adds to an event on append (SPEC 5), apart from the hash.
public struct Envelope: Equatable, Sendable {
    public var seq: UInt64
    public var version: UInt64
    public var recordedAt: Timestamp

    public init(seq: UInt64, version: UInt64, recordedAt: Timestamp) {
        self.seq = seq
        self.version = version
        self.recordedAt = recordedAt
    }
}
