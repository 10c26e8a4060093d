import LedgerDomain
import LedgerStore

/// What to reconcile (SPEC 7): a holder's statement against one third-party or direct-payment
/// pot of a budget, for the days up to `periodEnd`.
public struct ReconciliationRequest: Equatable, Sendable {
    public var budget: String
    public var pot: Pot
    /// The statement, already parsed (`Statement.parse`): a malformed file stops before the ledger is read.
    public var statement: Statement
    public var periodEnd: CalendarDate
    /// Nil: the day after the pot's latest reconciled `period_end`, else the budget's `period_start`.
    public var periodStart: CalendarDate?
    public var surplusWeeks: Int
    /// The id the reconciliation is (or would be) recorded under: `--id`, else the default
    /// `reconciliation:BUDGET:POT:PERIOD_END`. Movements cleared under another id are not
    /// offered again (SPEC 7.2).
    public var eventID: String?

    public init(budget: String, pot: Pot, statement: Statement, periodEnd: CalendarDate, periodStart: CalendarDate? = nil,
                surplusWeeks: Int = Surplus.weeksDefault, eventID: String? = nil) {
        self.budget = budget
        self.pot = pot
        self.statement = statement
        self.periodEnd = periodEnd
        self.periodStart = periodStart
        self.surplusWeeks = surplusWeeks
        self.eventID = eventID
    }

    /// The reconciliation against the ledger as `snapshot` holds it.
    func reconcile(in snapshot: borrowing LedgerSnapshot) throws -> Reconciliation {
        try ApplicationError.checkSurplusWeeks(surplusWeeks)
        if let periodStart, periodStart > periodEnd { throw ApplicationError.periodStartsAfterEnd(start: periodStart, end: periodEnd) }
        guard let (state, history) = try snapshot.potHistory(budget: budget, pot: pot) else {
            throw ApplicationError.noSuchBudget(budget, inView: false)
        }
        guard let period = StatementPeriod.resolve(end: periodEnd, start: periodStart, history: history, opening: state.opening) else {
            throw ApplicationError.periodEndsBeforeBudgetStarts(budget: budget, end: periodEnd, budgetStart: state.opening.periodStart)
        }
        do {
            return try Reconciliation(state: state, history: history, statement: statement, period: period, surplusWeeks: surplusWeeks,
                                   eventID: eventID)
        } catch {
            throw ApplicationError.reconciliation(error)
        }
    }
}

/// A reconciliation and what became of the event recording it.
public struct PostedReconciliation: Sendable {
    /// What was computed, from the same state of the ledger the event was posted on.
    public let reconciliation: Reconciliation
    /// The id the `reconciliation` event was posted under.
    public let eventID: String
    /// Accepted (with its seq), a duplicate (the same statement was recorded before), or
    /// rejected with a SPEC 4 code (nothing written).
    public let result: LineResult
}
