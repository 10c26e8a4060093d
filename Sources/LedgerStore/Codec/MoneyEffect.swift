import LedgerDomain

/// The money an event moves, stored in `effects` under the event's seq (format 2) so that
/// `replay` folds the log without reading JSON. Derived from the event's canonical bytes by
/// `CanonicalMovementReader` when it is appended, in the same transaction; `verify` derives it
/// again from the bytes and reports any difference as damage.
///
/// A record is one of:
/// - `[0]`: the event is not a plain movement (an opening, reconciliation, reversal, closing, a
///   care-plan event, or a movement that changes the care plan): the fold decodes the event;
/// - kind (1 allocation, 2 allocation decrease, 3 commitment, 4 release, 5 transfer, 6 payment,
///   7 recovery), pot (0 none, then `BudgetStateCodec.potOrder` + 1), whether there is an
///   amount (0/1), date (days i32), amount (pence i64), budget id (length u8, bytes),
///   commitment id (length u8, 0 for none, bytes): 17 bytes and the two ids.
enum MoneyEffect {
    static let notAMovement: UInt8 = 0

    /// What the fold needs of a movement, pointing into the record read.
    struct Reading {
        let budget: UnsafeRawBufferPointer
        let date: CalendarDate
        let movement: Movement
    }

    /// Appends the effect record of an event's canonical bytes to `record` (emptied first).
    static func encode(canonical bytes: UnsafeRawBufferPointer, into record: inout [UInt8]) {
        record.removeAll(keepingCapacity: true)
        guard let reading = CanonicalMovementReader.read(bytes) else {
            record.append(notAMovement)
            return
        }
        let movement = reading.movement
        let commitment: String?
        let kind: UInt8
        switch movement.kind {
        case .allocation(let decrease): kind = decrease ? 2 : 1; commitment = nil
        case .notionalCommitment(let id): kind = 3; commitment = id
        case .commitmentRelease(let id): kind = 4; commitment = id
        case .transfer: kind = 5; commitment = nil
        case .payment(let id): kind = 6; commitment = id
        case .recovery: kind = 7; commitment = nil
        }
        var writer = ByteWriter(appendingTo: record)
        record = []
        writer.uint8(kind)
        writer.uint8(movement.pot.map { BudgetStateCodec.potCode($0) + 1 } ?? 0)
        writer.uint8(movement.amount == nil ? 0 : 1)
        writer.int32(reading.date.daysSinceEpoch)
        writer.int64(movement.amount?.pence ?? 0)
        // Ids are at most `EventSchema.identifierLengthMax` (64) bytes, and need no escaping.
        writer.uint8(UInt8(reading.budget.count))
        writer.raw(UnsafeRawBufferPointer(rebasing: bytes[reading.budget]))
        if let commitment {
            writer.uint8(UInt8(commitment.utf8.count))
            writer.raw(commitment.utf8)
        } else {
            writer.uint8(0)
        }
        record = writer.bytes
    }

    /// The budget id a movement's record names, read in place (nil for `notAMovement` or a record
    /// too short to hold one): a fold of some of the budgets skips the others' records without
    /// decoding them. `decode` still checks the whole record of each it folds.
    static func budget(in record: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let lengthOffset = 15  // kind, pot, has-amount, date (4), amount (8)
        guard record.count > lengthOffset, record[0] != notAMovement else { return nil }
        let end = lengthOffset + 1 + Int(record[lengthOffset])
        guard record.count >= end else { return nil }
        return UnsafeRawBufferPointer(rebasing: record[(lengthOffset + 1)..<end])
    }

    /// The movement a record holds; nil for `notAMovement`. A record that does not read is damage.
    static func decode(_ record: UnsafeRawBufferPointer) throws(StoreError) -> Reading? {
        var reader = ByteReader(record)
        let kind = try reader.uint8()
        if kind == notAMovement {
            guard reader.isAtEnd else { throw .damaged("a stored money effect has trailing bytes") }
            return nil
        }
        let potCode = try reader.uint8()
        let pot = potCode == 0 ? nil : try BudgetStateCodec.element(of: BudgetStateCodec.potOrder, at: potCode - 1)
        let hasAmount = try reader.uint8() == 1
        let date = CalendarDate(daysSinceEpoch: try reader.int32())
        let pence = try reader.int64()
        let budget = try reader.take(Int(try reader.uint8()))
        let commitmentBytes = try reader.take(Int(try reader.uint8()))
        guard reader.isAtEnd, !budget.isEmpty else { throw .damaged("a stored money effect is malformed") }
        let commitment = commitmentBytes.isEmpty ? nil : String(decoding: commitmentBytes, as: UTF8.self)
        let movementKind: Movement.Kind
        switch (kind, commitment) {
        case (1, nil): movementKind = .allocation(decrease: false)
        case (2, nil): movementKind = .allocation(decrease: true)
        case (3, let id?): movementKind = .notionalCommitment(commitment: id)
        case (4, let id?): movementKind = .commitmentRelease(commitment: id)
        case (5, nil): movementKind = .transfer
        case (6, _): movementKind = .payment(commitment: commitment)
        case (7, nil): movementKind = .recovery
        default: throw .damaged("a stored money effect has an unknown kind \(kind)")
        }
        let movement = Movement(movementKind, named: pot, amount: hasAmount ? Money(pence: pence) : nil)
        guard movement.pot == pot else { throw .damaged("a stored money effect names a pot its kind does not allow") }
        return Reading(budget: budget, date: date, movement: movement)
    }
}
