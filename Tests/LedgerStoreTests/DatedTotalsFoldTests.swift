import Testing
import LedgerDomain
@testable import LedgerStore

/// Format 5 stores no dated totals: before a reconciliation, the writer folds its budget's from
/// the events and holds the fold against the stored projection, so that a reconciliation is
/// never recorded against a projection its events do not give.
@Suite struct DatedTotalsFoldTests {
    private static let reconciliation = #"{"id":"r1","type":"reconciliation","budget":"PHB-1","date":"2025-04-30","period_end":"2025-04-30","statement_balance":"400"}"#

    @Test func aStoredProjectionThatDisagreesWithItsEventsStopsAReconciliationAndWritesNothing() throws {
        let test = try TestLedger()
        let opening = [PostingTests.opening, PostingTests.allocation, PostingTests.transfer].joined(separator: "\n")
        #expect(try test.post(opening).written == 3)
        let databases = test.ledger.databases
        try test.ledger.write { txn in
            var head = try #require(try ProjectionEntries.loadHead("PHB-1", in: txn, databases: databases))
            head.pots[0].spent = Money(pence: 1)  // the events spent nothing
            try txn.put(databases.budgets, key: Array("PHB-1".utf8), value: BudgetStateCodec.encode(head))
        }
        #expect(throws: StoreError.damaged("budget PHB-1: its stored projection differs from a fold of its events (`budget-ledger verify` names what differs, `replay` rebuilds it)")) {
            try test.post(Self.reconciliation)
        }
        #expect(try test.ledger.eventCount() == 3)

        try test.ledger.replay()
        #expect(try test.post(Self.reconciliation).written == 1)
        let record = try #require(try test.ledger.budgetBalances("PHB-1")?.pots[0].lastReconciliation)
        #expect(record.expected == Money(pence: 40_000))
        #expect(record.isBalanced)
        #expect(try test.ledger.verify().isIntact)
    }
}
