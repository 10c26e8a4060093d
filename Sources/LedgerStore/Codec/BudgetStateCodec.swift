import LedgerDomain

/// The stored head of a budget's projection (format 2): its opening, whether it is closed, its
/// version, per pot the five amounts, the unreconciled payments and the latest reconciliation,
/// and the number of open commitments: every figure a balance read shows, so that such a read
/// is one LMDB get and one decode (`ProjectionEntries.loadHead`). Its size does not grow
/// with the budget's history: the commitments are entries of their own (`ProjectionEntries`),
/// so a batch rewrites only the few a change touched, and the dated totals are not stored
/// (format 5: they are folded from the events when asked for). Deterministic, so
/// that `verify` can compare a replayed projection with the stored one byte for byte.
enum BudgetStateCodec {
    /// 1: the whole projection; 2: that with the `budget_opened` date (SPEC 4.4); 3: that with
    /// the cohort and the care plan (SPEC 9); 4: the head alone, with all of those (ledger
    /// format 2); 5: that with the balance figures of the dated totals and commitments (per pot
    /// the unreconciled count and amount, the open commitment count). A projection of any other
    /// is rebuilt by `replay`.
    static let formatVersion: UInt8 = 5
    static let potOrder: [Pot] = [.notional, .thirdParty, .directPayment]
    private static let modelOrder: [HoldingModel] = [.notional, .thirdParty, .directPayment, .mixed]

    static func encode(_ state: BudgetState) -> [UInt8] {
        var writer = ByteWriter(capacity: 192)
        writer.uint8(formatVersion)
        writer.string(state.budget)
        writer.int32(state.openedOn.daysSinceEpoch)
        writer.string(state.opening.person)
        writer.uint8(UInt8(modelOrder.firstIndex(of: state.opening.holdingModel)!))
        if let pots = state.opening.pots {
            writer.uint8(UInt8(pots.count))
            for pot in pots { writer.uint8(potCode(pot)) }
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
            writer.int64(pot.unreconciledCount)
            writer.int64(pot.unreconciledAmount.pence)
            if let record = pot.lastReconciliation {
                writer.uint8(1)
                writer.int32(record.periodEnd.daysSinceEpoch)
                writer.int64(record.expected.pence)
                writer.int64(record.statementBalance.pence)
            } else {
                writer.uint8(0)
            }
        }
        writer.uint32(UInt32(state.openCommitmentCount))
        CarePlanStateCodec.encode(state.carePlan, into: &writer)
        // Paired with `decode`: what is written must read back as the same head, or every later
        // post and verify would work from a corrupted one. Debug builds only: a decode per write
        // would double the cost of writing a projection.
        assert(writer.bytes.withUnsafeBytes { try? decode($0) } == head(of: state), "a projection head reads back as written")
        return writer.bytes
    }

    /// The head alone: the commitments are empty until `ProjectionEntries` reads them in, and
    /// the dated totals until a fold of the events gives them.
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
            state.pots[index].restoreUnreconciled(count: try reader.int64(), amount: Money(pence: try reader.int64()))
            if try reader.uint8() == 1 {
                state.pots[index].lastReconciliation = ReconciliationRecord(
                    periodEnd: CalendarDate(daysSinceEpoch: try reader.int32()),
                    expected: Money(pence: try reader.int64()), statementBalance: Money(pence: try reader.int64()))
            }
        }
        state.restoreOpenCommitmentCount(Int(try reader.uint32()))
        state.carePlan = try CarePlanStateCodec.decode(&reader)
        guard reader.isAtEnd else { throw .damaged("a stored projection of budget \(budget) has trailing bytes") }
        return state
    }

    /// `state` without its commitments and dated totals: what `decode` gives back (their
    /// balance figures stay).
    private static func head(of state: BudgetState) -> BudgetState {
        var head = state
        head.commitments = [:]
        head.removeDatedTotals()
        return head
    }

    static func potCode(_ pot: Pot) -> UInt8 { UInt8(potOrder.firstIndex(of: pot)!) }

    static func element<T>(of table: [T], at index: UInt8) throws(StoreError) -> T {
        guard Int(index) < table.count else { throw .damaged("a stored projection holds an unknown code \(index)") }
        return table[Int(index)]
    }
}
