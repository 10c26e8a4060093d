#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads what a fold needs of a recorded event — its budget, its date and the money it moves —
/// straight from its canonical bytes (SPEC 5, as `EventEncoder` writes them), without decoding
/// the event: no `String` for its id, payee or notes, no validation of what was validated when
/// it was posted. This is what lets replay run at the speed of reading the log.
///
/// Only for the kinds that move money. It returns nil for the rest (openings, reconciliations,
/// reversals, closings: a few per budget) and for anything not shaped exactly as the encoder
/// writes; the caller then decodes the event in full, which also reports damage.
public enum CanonicalMovementReader {
    public struct Reading: Equatable, Sendable {
        /// Where the budget id lies in the bytes read (ids need no escaping).
        public let budget: Range<Int>
        public let date: CalendarDate
        public let movement: Movement
    }

    /// Where the budget id lies in an event's canonical bytes (the third field), for deciding
    /// cheaply whether an event belongs to a partition of the budgets; nil if not canonical.
    public static func budget(in bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        var reader = Reader(bytes: bytes)
        guard reader.take(#"{"id":""#), reader.string() != nil, reader.take(#","type":""#), reader.string() != nil,
              reader.take(#","budget":""#) else { return nil }
        return reader.string()
    }

    /// Where the event id lies in an event's canonical bytes (the first field), for checking the
    /// id index without decoding the event; nil if not canonical or the id has an escape.
    public static func id(in bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        var reader = Reader(bytes: bytes)
        guard reader.take(#"{"id":""#), let id = reader.string(),
              !UnsafeRawBufferPointer(rebasing: bytes[id]).contains(UInt8(ascii: "\\")) else { return nil }
        return id
    }

    public static func read(_ bytes: UnsafeRawBufferPointer) -> Reading? {
        var reader = Reader(bytes: bytes)
        // The encoder always writes `id`, `type`, `budget` and `date` first.
        guard reader.take(#"{"id":""#), reader.string() != nil,
              reader.take(#","type":""#), let type = reader.string(),
              let kind = EventKind.named(UnsafeRawBufferPointer(rebasing: bytes[type])), kind.movesMoney,
              reader.take(#","budget":""#), let budget = reader.string(),
              reader.take(#","date":""#), let dateText = reader.string(),
              let date = CalendarDate(isoUTF8: UnsafeRawBufferPointer(rebasing: bytes[dateText])) else { return nil }
        var pot: Pot?
        var amount: Money?
        var decrease = false
        var commitment: Range<Int>?
        fields: while reader.take(UInt8(ascii: ",")) {
            guard reader.take(UInt8(ascii: "\"")), let key = reader.string(), reader.take(UInt8(ascii: ":")) else { return nil }
            let field = FieldName.named(UnsafeRawBufferPointer(rebasing: bytes[key]))
            switch field {
            // The fields after the money ones (SPEC 2's order) are not needed: stop there. A
            // recovery's `repayment` follows its `reason`, so a recovery reads on.
            case .reason? where kind != .recovery: break fields
            case .reference?, .actor?, .note?, .seq?, .version?, .recordedAt?, .hash?: break fields
            // SPEC 9: a commitment's line and the request a recovery settles change the care
            // plan, which only the full decoder's fold keeps.
            case .line? where kind == .notionalCommitment: return nil
            case .repayment?: return nil
            default: break
            }
            guard reader.take(UInt8(ascii: "\"")), let value = reader.string() else { return nil }
            let text = UnsafeRawBufferPointer(rebasing: bytes[value])
            switch field {
            // A value that does not read is damage: the full decoder reports it.
            case .pot?: guard let read = Pot.named(text) else { return nil }; pot = read
            case .amount?: guard let read = Money(amountUTF8: text) else { return nil }; amount = read
            case .direction?:
                guard let read = AllocationDirection.named(text) else { return nil }
                decrease = read == .decrease
            case .commitment?:
                // An id with an escaped character is left to the full decoder.
                guard !text.contains(UInt8(ascii: "\\")) else { return nil }
                commitment = value
            default: break
            }
        }
        func commitmentID() -> String? {
            commitment.map { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }
        let movement: Movement
        switch kind {
        case .allocation: movement = Movement(.allocation(decrease: decrease), named: pot, amount: amount)
        case .notionalCommitment:
            guard let id = commitmentID() else { return nil }
            movement = Movement(.notionalCommitment(commitment: id), named: nil, amount: amount)
        case .commitmentRelease:
            guard let id = commitmentID() else { return nil }
            return Reading(budget: budget, date: date, movement: Movement(.commitmentRelease(commitment: id), named: nil, amount: amount))
        case .thirdPartyTransfer: movement = Movement(.transfer, named: .thirdParty, amount: amount)
        case .directPaymentTransfer: movement = Movement(.transfer, named: .directPayment, amount: amount)
        case .payment: movement = Movement(.payment(commitment: commitmentID()), named: pot, amount: amount)
        case .recovery: movement = Movement(.recovery, named: pot, amount: amount)
        case .budgetOpened, .reconciliation, .reversal, .budgetClosed, .planLine, .scheduleSet, .scheduleEnded, .review,
             .repaymentRequested, .repaymentWaived: return nil  // `movesMoney` stepped aside already
        }
        // Every kind but a release names its amount.
        guard movement.amount != nil else { return nil }
        return Reading(budget: budget, date: date, movement: movement)
    }

}

/// Byte steps over canonical JSON: compact, strings escaped only as `JSONWriter` escapes them.
private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Takes `literal` if the bytes continue with it.
    mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count, memcmp(bytes.baseAddress! + index, literal.utf8Start, count) == 0 else { return false }
        index += count
        return true
    }

    /// The contents of a string whose opening quote was taken, escapes left as they are; the
    /// index moves past the closing quote. The quote is found with `memchr`: ids, payees and
    /// notes are most of an event's bytes.
    mutating func string() -> Range<Int>? {
        let start = index
        guard let base = bytes.baseAddress else { return nil }
        var from = start
        while from < bytes.count {
            guard let found = memchr(base + from, Int32(UInt8(ascii: "\"")), bytes.count - from) else { return nil }
            let quote = base.distance(to: UnsafeRawPointer(found))
            // Escaped when preceded by an odd number of backslashes.
            var backslashes = 0
            while quote - backslashes - 1 >= start, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 {
                index = quote + 1
                return start..<quote
            }
            from = quote + 1
        }
        return nil
    }
}
