import LedgerDomain

/// The stored form of a budget's projection. Deterministic (commitments sorted by id), so that
/// `verify` can compare a replayed projection with the stored one byte for byte.
enum BudgetStateCodec {
    /// 2 added the `budget_opened` date (SPEC 4.4); 3 the cohort and the care plan (SPEC 9). A
    /// projection of an older format is rebuilt by `replay`.
    static let formatVersion: UInt8 = 3
    private static let potOrder: [Pot] = [.notional, .thirdParty, .directPayment]
    private static let modelOrder: [HoldingModel] = [.notional, .thirdParty, .directPayment, .mixed]

    static func encode(_ state: BudgetState) -> [UInt8] {
        var writer = ByteWriter(capacity: 256)
        writer.uint8(formatVersion)
        writer.string(state.budget)
        writer.int32(state.openedOn.daysSinceEpoch)
        writer.string(state.opening.person)
        writer.uint8(UInt8(modelOrder.firstIndex(of: state.opening.holdingModel)!))
        if let pots = state.opening.pots {
            writer.uint8(UInt8(pots.count))
            for pot in pots { writer.uint8(UInt8(potOrder.firstIndex(of: pot)!)) }
        } else {
            writer.uint8(0)
        }
        writer.int32(state.opening.periodStart.daysSinceEpoch)
        writer.int32(state.opening.periodEnd.daysSinceEpoch)
        CarePlanStateCodec.encodeOptionalString(state.opening.cohort, into: &writer)
        writer.uint8(state.isClosed ? 1 : 0)
        writer.uint64(state.version)
        for pot in state.pots {
            for amount in [pot.allocated, pot.committed, pot.transferred, pot.spent, pot.recovered] { writer.int64(amount.pence) }
            encode(pot.heldChanges, into: &writer)
            encode(pot.payments, into: &writer)
            if let record = pot.lastReconciliation {
                writer.uint8(1)
                writer.int32(record.periodEnd.daysSinceEpoch)
                writer.int64(record.expected.pence)
                writer.int64(record.statementBalance.pence)
            } else {
                writer.uint8(0)
            }
        }
        writer.uint32(UInt32(state.commitments.count))
        for (commitment, open) in state.commitments.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            writer.string(commitment)
            writer.int64(open.pence)
        }
        CarePlanStateCodec.encode(state.carePlan, into: &writer)
        // Paired with `decode`: what is written must read back as the same projection, or
        // every later post and verify would work from a corrupted one. Debug builds only: a
        // decode per write would double the cost of writing a projection.
        assert(writer.bytes.withUnsafeBytes { try? decode($0) } == state, "a projection reads back as written")
        return writer.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(StoreError) -> BudgetState {
        var reader = ByteReader(bytes)
        let format = try reader.uint8()
        guard format == formatVersion else {
            throw .damaged("a stored projection has format \(format), this build reads \(formatVersion): rebuild the projections with replay")
        }
        let budget = try reader.string()
        let openedOn = CalendarDate(daysSinceEpoch: try reader.int32())
        let person = try reader.string()
        let model = try element(of: modelOrder, at: reader.uint8())
        let potCount = Int(try reader.uint8())
        var pots: [Pot]?
        if potCount > 0 {
            pots = []
            for _ in 0..<potCount { pots!.append(try element(of: potOrder, at: reader.uint8())) }
        }
        let opening = BudgetOpening(person: person, holdingModel: model, pots: pots,
                                    periodStart: CalendarDate(daysSinceEpoch: try reader.int32()),
                                    periodEnd: CalendarDate(daysSinceEpoch: try reader.int32()),
                                    cohort: try CarePlanStateCodec.decodeOptionalString(&reader))
        var state = BudgetState(budget: budget, openedOn: openedOn, opening: opening)
        state.isClosed = try reader.uint8() == 1
        state.version = try reader.uint64()
        for index in state.pots.indices {
            state.pots[index].allocated = Money(pence: try reader.int64())
            state.pots[index].committed = Money(pence: try reader.int64())
            state.pots[index].transferred = Money(pence: try reader.int64())
            state.pots[index].spent = Money(pence: try reader.int64())
            state.pots[index].recovered = Money(pence: try reader.int64())
            state.pots[index].heldChanges = try decodeTotals(&reader)
            state.pots[index].payments = try decodeTotals(&reader)
            if try reader.uint8() == 1 {
                state.pots[index].lastReconciliation = ReconciliationRecord(
                    periodEnd: CalendarDate(daysSinceEpoch: try reader.int32()),
                    expected: Money(pence: try reader.int64()), statementBalance: Money(pence: try reader.int64()))
            }
        }
        let commitmentCount = Int(try reader.uint32())
        for _ in 0..<commitmentCount {
            let commitment = try reader.string()
            state.commitments[commitment] = Money(pence: try reader.int64())
        }
        state.carePlan = try CarePlanStateCodec.decode(&reader)
        guard reader.isAtEnd else { throw .damaged("a stored projection of budget \(budget) has trailing bytes") }
        return state
    }

    private static func encode(_ totals: DatedTotals, into writer: inout ByteWriter) {
        writer.uint32(UInt32(totals.entries.count))
        for entry in totals.entries {
            writer.int32(entry.date.daysSinceEpoch)
            writer.int64(entry.count)
            writer.int64(entry.amount.pence)
        }
    }

    private static func decodeTotals(_ reader: inout ByteReader) throws(StoreError) -> DatedTotals {
        let count = Int(try reader.uint32())
        var entries: [DatedTotals.Entry] = []
        entries.reserveCapacity(min(count, (reader.bytes.count - reader.offset) / 20))
        var previous: CalendarDate?
        for _ in 0..<count {
            let entry = DatedTotals.Entry(date: CalendarDate(daysSinceEpoch: try reader.int32()),
                                          count: try reader.int64(), amount: Money(pence: try reader.int64()))
            if let previous, previous >= entry.date { throw .damaged("stored dated totals are out of order") }
            previous = entry.date
            entries.append(entry)
        }
        return DatedTotals(entries: entries)
    }

    private static func element<T>(of table: [T], at index: UInt8) throws(StoreError) -> T {
        guard Int(index) < table.count else { throw .damaged("a stored projection holds an unknown code \(index)") }
        return table[Int(index)]
    }
}
