import Testing
import LedgerDomain
@testable import LedgerStore

/// The typed bulk path (`post(events:)`) lends each batch the projections its last commit left
/// (`Ledger.bulkCarry`), as the group committer does: only at the chain tip that commit left,
/// and only what was committed.
@Suite struct BulkCarryTests {
    /// A direct-payment budget opened, allocated £1,200 and funded with £400 (`PostingTests`).
    private static let opening = TestLedger.typed(PostingTests.opening)
    private static let allocation = TestLedger.typed(PostingTests.allocation)
    private static let transfer = TestLedger.typed(PostingTests.transfer)

    /// The fixture year and its care-plan layer (every event type), as typed events in batches
    /// of 40: after each, what the carry holds is field for field what a read of the store gives
    /// (`expectCarried`), and the chain and projections are those of posting the same lines as
    /// a file.
    @Test func carriedProjectionsEqualWhatTheStoreReadsBack() throws {
        let test = try TestLedger()
        let lines = try [Fixtures.year, Fixtures.folder + "/care-plan-2025-26.jsonl"].flatMap { path in
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        var written = 0
        for start in stride(from: 0, to: lines.count, by: 40) {
            let batch = lines[start..<min(start + 40, lines.count)].map(TestLedger.typed)
            let report = try test.ledger.post(events: batch, mode: .partial, clock: TestLedger.fixedClock)
            #expect(report.rejected == 0)
            written += report.written
            try Self.expectCarried(test.ledger.bulkCarry, isWhatTheStoreGives: test.ledger, after: start + 40)
        }
        #expect(written == 1167 + 108)
        #expect(try test.ledger.verify().isIntact)
        let asFile = try TestLedger()
        #expect(try asFile.post(lines.joined(separator: "\n")).written == written)
        #expect(try asFile.ledger.digest() == test.ledger.digest())
        #expect(try asFile.balancesJSON() == test.balancesJSON())
    }

    /// What `carry` holds is field for field what a read of the store gives, with the dated
    /// totals (which the store does not hold) either left out or as a fold of the events gives.
    static func expectCarried(_ carry: ProjectionCarry, isWhatTheStoreGives ledger: Ledger, after line: Int) throws {
        let carried = carry.projections
        let databases = ledger.databases
        let (stored, folded) = try ledger.read { txn in
            let lookup = try EventLookup(reader: TransactionReader(txn), databases: databases)
            return (try carried.keys.map { ($0, try ProjectionEntries.loadStored($0, in: txn, databases: databases)) },
                    try carried.keys.map { ($0, try lookup.foldedState(of: $0)) })
        }
        #expect(!stored.isEmpty)
        #expect(carried.values.contains { $0.datedTotalsComplete }, "after line \(line)")
        let foldedByBudget = Dictionary(uniqueKeysWithValues: folded)
        for (budget, state) in stored {
            let kept = try #require(carried[budget])
            #expect(KeptProjection(kept.state, datedTotalsComplete: false).state == state, "\(budget) after line \(line)")
            if kept.datedTotalsComplete { #expect(kept.state == foldedByBudget[budget] ?? nil, "\(budget) after line \(line)") }
        }
    }

    /// A write by another path between two typed batches moves the chain tip and is checked
    /// against: it spends the money, so the next typed payment is refused.
    @Test func aWriteByAnotherPathBetweenTwoBatchesIsCheckedAgainst() throws {
        let test = try TestLedger()
        #expect(try test.ledger.post(events: [Self.opening, Self.allocation, Self.transfer], clock: TestLedger.fixedClock).written == 3)
        #expect(try test.post(#"{"id":"p1","type":"payment","budget":"PHB-1","date":"2025-04-09","payee":"PA","category":"personal_care","amount":"400"}"#).written == 1)
        let overspend = TestLedger.typed(#"{"id":"p2","type":"payment","budget":"PHB-1","date":"2025-04-10","payee":"PA","category":"personal_care","amount":"0.01"}"#)
        let refused = try test.ledger.post(events: [overspend], clock: TestLedger.fixedClock)
        #expect(refused.written == 0)
        #expect(refused.results.first?.rejection?.code == .insufficientFunds)
        let topUp = TestLedger.typed(#"{"id":"t2","type":"direct_payment_transfer","budget":"PHB-1","date":"2025-04-11","amount":"100"}"#)
        #expect(try test.ledger.post(events: [topUp], clock: TestLedger.fixedClock).results.first?.seq == 5)
        let state = try #require(try test.ledger.budgetState("PHB-1"))
        #expect(state.version == 5)
        #expect(state.pots[0].transferred == Money(pence: 500_00))
        #expect(state.pots[0].spent == Money(pence: 400_00))
        #expect(try test.ledger.verify().isIntact)
    }

    /// An all-or-nothing batch that is refused writes nothing, and what its accepted events did
    /// to the projections in the transaction must not reach the carry: here a payment of £300 in
    /// a refused batch would otherwise leave £100 where £400 is still there to pay.
    @Test func aRefusedBatchLeavesTheCarryAsTheLastCommitLeftIt() throws {
        let test = try TestLedger()
        #expect(try test.ledger.post(events: [Self.opening, Self.allocation, Self.transfer], clock: TestLedger.fixedClock).written == 3)
        let payment = TestLedger.typed(#"{"id":"p1","type":"payment","budget":"PHB-1","date":"2025-04-09","payee":"PA","category":"personal_care","amount":"300"}"#)
        let unknownBudget = TestLedger.typed(#"{"id":"a9","type":"allocation","budget":"PHB-9","date":"2025-04-09","amount":"5"}"#)
        let refused = try test.ledger.post(events: [payment, unknownBudget], clock: TestLedger.fixedClock)
        #expect(refused.written == 0 && refused.rejected == 1)
        let whole = TestLedger.typed(#"{"id":"p2","type":"payment","budget":"PHB-1","date":"2025-04-10","payee":"PA","category":"personal_care","amount":"400"}"#)
        let report = try test.ledger.post(events: [whole], clock: TestLedger.fixedClock)
        #expect(report.written == 1 && report.results.first?.seq == 4)
        let state = try #require(try test.ledger.budgetState("PHB-1"))
        #expect(state.version == 4)
        #expect(state.pots[0].spent == Money(pence: 400_00))
        #expect(try test.ledger.verify().isIntact)
    }
}
