/// Writes an event back as JSON in its canonical form: keys in the order of SPEC 2's tables
/// (`id`, `type`, `budget`, `date`, the type's own fields, `actor`, `note`), optional fields
/// only when they were posted, amounts with exactly two decimals, no spaces.
public enum EventEncoder {
    /// The event's own fields, without braces, so that callers can add the envelope or `after`.
    public static func writeFields(of event: Event, into writer: inout JSONWriter) {
        writer.field(.id, event.id)
        writer.field(.type, event.kind.rawValue)
        writer.field(.budget, event.budget)
        writer.field(.date, event.date)
        switch event.body {
        case .budgetOpened(let opening):
            writer.field(.person, opening.person)
            writer.field(.holdingModel, opening.holdingModel.rawValue)
            if let pots = opening.pots {
                writer.key(quoted: FieldName.pots.quotedKey)
                writer.beginArray()
                for pot in pots { writer.string(pot.rawValue) }
                writer.endArray()
            }
            writer.field(.periodStart, opening.periodStart)
            writer.field(.periodEnd, opening.periodEnd)
            writer.field(.cohort, optional: opening.cohort)
        case .allocation(let pot, let amount, let direction):
            writer.field(.pot, optional: pot?.rawValue)
            writer.field(.amount, amount)
            writer.field(.direction, optional: direction?.rawValue)
        case .notionalCommitment(let commitment, let provider, let category, let amount, let line):
            writer.field(.commitment, commitment)
            writer.field(.provider, provider)
            writer.field(.category, category)
            writer.field(.amount, amount)
            writer.field(.line, optional: line)
        case .commitmentRelease(let commitment, let amount):
            writer.field(.commitment, commitment)
            if let amount { writer.field(.amount, amount) }
        case .thirdPartyTransfer(let organisation, let amount):
            writer.field(.organisation, organisation)
            writer.field(.amount, amount)
        case .directPaymentTransfer(let amount):
            writer.field(.amount, amount)
        case .payment(let payment):
            writer.field(.pot, optional: payment.pot?.rawValue)
            writer.field(.payee, payment.payee)
            writer.field(.category, payment.category)
            writer.field(.amount, payment.amount)
            writer.field(.commitment, optional: payment.commitment)
            writer.field(.reference, optional: payment.reference)
            writer.field(.line, optional: payment.line)
        case .recovery(let pot, let amount, let reason, let repayment):
            writer.field(.pot, optional: pot?.rawValue)
            writer.field(.amount, amount)
            writer.field(.reason, reason)
            writer.field(.repayment, optional: repayment)
        case .reconciliation(let pot, let periodEnd, let statementBalance, let periodStart, let matched):
            writer.field(.pot, optional: pot?.rawValue)
            writer.field(.periodEnd, periodEnd)
            writer.field(.statementBalance, statementBalance)
            writer.field(.periodStart, optional: periodStart)
            if let matched {
                writer.key(quoted: FieldName.matched.quotedKey)
                writer.beginArray()
                for id in matched { writer.string(id) }
                writer.endArray()
            }
        case .reversal(let reverses, let reason):
            writer.field(.reverses, reverses)
            writer.field(.reason, reason)
        case .budgetClosed:
            break
        case .planLine(let entry):
            writer.field(.line, entry.line)
            writer.field(.pot, optional: entry.pot?.rawValue)
            writer.field(.category, entry.category)
            writer.field(.amount, entry.amount)
            writer.field(.description, optional: entry.description)
            writer.field(.funding, optional: entry.funding?.rawValue)
        case .scheduleSet(let setting):
            writer.field(.schedule, setting.schedule)
            writer.field(.kind, setting.kind.rawValue)
            writer.field(.amount, setting.amount)
            writer.field(.every, setting.every.rawValue)
            writer.field(.first, setting.first)
            writer.field(.last, optional: setting.last)
            writer.field(.organisation, optional: setting.organisation)
        case .scheduleEnded(let schedule, let last):
            writer.field(.schedule, schedule)
            writer.field(.last, last)
        case .review(let outcome, let nextReview):
            writer.field(.outcome, outcome.rawValue)
            writer.field(.nextReview, optional: nextReview)
        case .repaymentRequested(let entry):
            writer.field(.repayment, entry.repayment)
            writer.field(.pot, optional: entry.pot?.rawValue)
            writer.field(.amount, entry.amount)
            writer.field(.grounds, entry.grounds.rawValue)
            writer.field(.due, entry.due)
        case .repaymentWaived(let repayment, let amount, let reason):
            writer.field(.repayment, repayment)
            if let amount { writer.field(.amount, amount) }
            writer.field(.reason, reason)
        }
        writer.field(.actor, optional: event.actor)
        writer.field(.note, optional: event.note)
    }

    /// The canonical bytes of a recorded event: its fields then `seq`, `version`, `recorded_at`.
    /// The hash chain (SPEC 5) is computed over exactly these bytes.
    public static func canonicalBytes(of event: Event, envelope: Envelope) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        appendOpenFields(of: event, to: &bytes)
        appendClosingEnvelope(envelope, to: &bytes)
        return bytes
    }

    /// The first part of the canonical bytes: `{` and the event's fields, the object left open.
    /// It depends on the event alone, so posting prepares it away from the write transaction.
    public static func appendOpenFields(of event: Event, to buffer: inout [UInt8]) {
        var writer = JSONWriter(appendingTo: buffer)
        buffer = []  // the writer holds the only reference, so appending does not copy
        writer.beginObject()
        writeFields(of: event, into: &writer)
        buffer = writer.takeBytes()
    }

    /// The rest: the envelope and the closing brace, after `appendOpenFields`.
    public static func appendClosingEnvelope(_ envelope: Envelope, to buffer: inout [UInt8]) {
        var writer = JSONWriter(appendingTo: buffer, insideObjectWithMembers: true)
        buffer = []
        writeEnvelope(envelope, into: &writer)
        writer.endObject()
        buffer = writer.takeBytes()
    }

    public static func writeEnvelope(_ envelope: Envelope, into writer: inout JSONWriter) {
        writer.field(.seq, envelope.seq)
        writer.field(.version, envelope.version)
        writer.field(.recordedAt, envelope.recordedAt)
    }
}

/// The event fields, keyed by `FieldName`, whose keys are written from `FieldName.quotedKey`.
extension JSONWriter {
    mutating func field(_ name: FieldName, _ value: String) { key(quoted: name.quotedKey); string(value) }
    mutating func field(_ name: FieldName, _ value: Money) { key(quoted: name.quotedKey); money(value) }
    mutating func field(_ name: FieldName, _ value: UInt64) { key(quoted: name.quotedKey); integer(value) }
    mutating func field(_ name: FieldName, _ value: CalendarDate) { key(quoted: name.quotedKey); date(value) }
    mutating func field(_ name: FieldName, _ value: Timestamp) { key(quoted: name.quotedKey); timestamp(value) }
    mutating func field(_ name: FieldName, optional value: String?) { if let value { field(name, value) } }
    mutating func field(_ name: FieldName, optional value: CalendarDate?) { if let value { field(name, value) } }
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

    private static let seqKey = Array(#","seq":"#.utf8)
    private static let versionKey = Array(#","version":"#.utf8)
    private static let recordedAtKey = Array(#","recorded_at":""#.utf8)

    /// Reads the envelope at the end of canonical bytes, exactly as `appendClosingEnvelope`
    /// writes it (`,"seq":N,"version":V,"recorded_at":"…"}`); nil for anything else. Read in
    /// place, with no `String` made: every stored event read goes through here.
    public init?(canonicalBytes bytes: UnsafeRawBufferPointer) {
        let timeLength = 24  // 2026-03-31T09:15:02.481Z
        guard bytes.count > timeLength + 2, bytes[bytes.count - 1] == UInt8(ascii: "}"), bytes[bytes.count - 2] == UInt8(ascii: "\"") else { return nil }
        let timeStart = bytes.count - 2 - timeLength
        let recordedKey = Self.recordedAtKey
        guard timeStart >= recordedKey.count,
              UnsafeRawBufferPointer(rebasing: bytes[(timeStart - recordedKey.count)..<timeStart]).hasSameBytes(as: recordedKey),
              let recordedAt = Timestamp(rfc3339UTF8: UnsafeRawBufferPointer(rebasing: bytes[timeStart..<(timeStart + timeLength)])) else { return nil }
        // Backwards over the two numbers; each must be plain digits as the encoder writes them.
        var end = timeStart - recordedKey.count
        func number(after key: [UInt8]) -> UInt64? {
            var start = end
            while start > 0, bytes[start - 1] >= UInt8(ascii: "0"), bytes[start - 1] <= UInt8(ascii: "9") { start -= 1 }
            guard start < end, end - start <= 20, start >= key.count, UnsafeRawBufferPointer(rebasing: bytes[(start - key.count)..<start]).hasSameBytes(as: key),
                  bytes[start] != UInt8(ascii: "0") || end - start == 1 else { return nil }
            var value: UInt64 = 0
            for index in start..<end {
                let (times10, overflowed) = value.multipliedReportingOverflow(by: 10)
                let (sum, carried) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
                guard !overflowed, !carried else { return nil }
                value = sum
            }
            end = start - key.count
            return value
        }
        guard let version = number(after: Self.versionKey), let seq = number(after: Self.seqKey) else { return nil }
        self.init(seq: seq, version: version, recordedAt: recordedAt)
    }
}
