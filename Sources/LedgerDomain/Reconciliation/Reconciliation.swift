/// A statement reconciled against one pot (SPEC 7, 7.2): which rows and events match, what is
/// on one side only, what is still outstanding, and the figures a `reconciliation` event would
/// record if posted now.
public struct Reconciliation: Equatable, Sendable {
    public let budget: String
    public let pot: Pot
    public let period: StatementPeriod
    /// The id `--post` records it under: movements cleared by other reconciliations are not offered.
    public let eventID: String
    public let match: StatementMatcher.Result
    /// `expected`, `statement_balance`, `variance` and `status` exactly as the projector would
    /// record them for a `reconciliation` event posted over the ledger as it stands.
    public let record: ReconciliationRecord
    /// Computed on the statement's closing balance, with `surplusWeeks`.
    public let surplus: Money
    public let surplusWeeks: Int
    /// Rows dated outside the period: read and checked, then ignored.
    public let rowsOutsidePeriod: Int

    /// - Parameters:
    ///   - state: the budget as it stands (every event recorded so far).
    ///   - history: the pot's movements and reconciliations from the same events.
    ///   - period: from `StatementPeriod.resolve`.
    ///   - eventID: `--id`, else `defaultEventID`.
    /// - Throws: ``ReconciliationError`` when the pot is notional (no statement holds it) or not
    ///   one of the budget's pots.
    public init(state: BudgetState, history: PotHistory, statement: Statement, period: StatementPeriod,
                surplusWeeks: Int, eventID: String? = nil) throws(ReconciliationError) {
        guard history.pot.isHeldElsewhere else { throw .potNotHeldElsewhere(history.pot) }
        guard let balances = state.balances(of: history.pot) else {
            throw .potNotInBudget(budget: state.budget, pot: history.pot, pots: state.pots.map(\.pot))
        }
        let rows = statement.rows.filter { period.contains($0.date) }
        let eventID = eventID ?? Reconciliation.defaultEventID(budget: state.budget, pot: history.pot, periodEnd: period.end)
        let offered = history.offered(for: period, reconciliationID: eventID)
        let opening = history.latestReconciliation(before: period.start)?.statementBalance ?? .zero
        let closing = Reconciliation.closingBalance(rows: rows, hasBalanceColumn: statement.hasBalanceColumn, opening: opening)
        budget = state.budget
        pot = history.pot
        self.period = period
        self.eventID = eventID
        match = StatementMatcher.match(rows: rows, movements: offered.inPeriod, outstanding: offered.outstanding)
        // The same computation the projector makes when a reconciliation is applied.
        record = ReconciliationRecord(periodEnd: period.end, expected: balances.heldChanges.total(through: period.end).amount,
                                      statementBalance: closing)
        surplus = Surplus.amount(held: closing, allocated: balances.allocated, opening: state.opening, weeks: surplusWeeks)
        self.surplusWeeks = surplusWeeks
        rowsOutsidePeriod = statement.rows.count - rows.count
    }

    /// SPEC 7: the last non-empty `balance` cell in the period, if the file has that column;
    /// otherwise the previous reconciliation's `statement_balance` (`opening`) plus the period's
    /// amounts. A balance column left empty for the whole period falls back to the same sum.
    public static func closingBalance(rows: [StatementRow], hasBalanceColumn: Bool, opening: Money) -> Money {
        if hasBalanceColumn, let last = rows.last(where: { $0.balance != nil })?.balance { return last }
        return rows.reduce(opening) { sum, row in
            // Bounded: CSVReader.bytesMax admits fewer than a million rows of at most 10^12 pence.
            guard let next = sum.adding(row.amount) else { preconditionFailure("a statement's sum fits 64-bit pence") }
            return next
        }
    }

    /// SPEC 7: the id a posted reconciliation gets unless `--id` names one, so that posting the
    /// same statement twice is a duplicate.
    public static func defaultEventID(budget: String, pot: Pot, periodEnd: CalendarDate) -> String {
        "reconciliation:\(budget):\(pot.rawValue):\(periodEnd)"
    }

    /// The `reconciliation` event to post, under `eventID`. It is dated on `period_end`, names
    /// its period start and the movements matched in statement line order (SPEC 7.2), so the
    /// same statement gives the same event whichever day it is posted.
    public func event() -> Event {
        Event(id: eventID, budget: budget, date: period.end,
              body: .reconciliation(pot: pot, periodEnd: period.end, statementBalance: record.statementBalance, periodStart: period.start,
                                    matched: match.matched.map(\.movement.id)))
    }

    /// SPEC 7.2: how much of the variance only waits for the bank (`variance + timing` is what
    /// is really unexplained).
    public var timing: Money { match.timing }
}
