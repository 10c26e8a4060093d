import Testing
import LedgerDomain

/// A server reconciles statements it is sent: a pot the budget lacks, a notional pot or a
/// period that ends before it starts is an error the caller handles, never a crash.
@Suite("Reconciliation: bad requests throw a ReconciliationError")
struct ReconciliationErrorTests: ReconciliationTesting {
    private let statementText = "Date,Description,Amount\r\n2025-04-10,FP PA,-200.00\r\n"

    private func period() throws -> StatementPeriod { try StatementPeriod(start: day("2025-04-01"), end: day("2025-04-30")) }

    @Test("a pot the budget does not have")
    func potNotInBudget() throws {
        let book = ReconciliationBook(model: .directPayment)
        #expect(throws: ReconciliationError.potNotInBudget(budget: "PHB-T", pot: .thirdParty, pots: [.directPayment])) {
            try Reconciliation(state: book.state, history: book.history(.thirdParty), statement: try statement(statementText),
                               period: try period(), surplusWeeks: 8)
        }
    }

    @Test("the notional pot, which no statement holds")
    func notionalPot() throws {
        let book = ReconciliationBook(model: .notional)
        #expect(throws: ReconciliationError.potNotHeldElsewhere(.notional)) {
            try Reconciliation(state: book.state, history: book.history(.notional), statement: try statement(statementText),
                               period: try period(), surplusWeeks: 8)
        }
    }

    @Test("a period whose start is after its end")
    func periodBackwards() {
        #expect(throws: ReconciliationError.periodStartsAfterEnd(start: day("2025-05-01"), end: day("2025-04-30"))) {
            try StatementPeriod(start: day("2025-05-01"), end: day("2025-04-30"))
        }
    }
}
