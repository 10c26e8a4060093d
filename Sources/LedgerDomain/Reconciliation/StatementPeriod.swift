/// The days a statement is reconciled for, both ends included.
public struct StatementPeriod: Equatable, Sendable {
    public let start: CalendarDate
    public let end: CalendarDate

    /// - Throws: ``ReconciliationError/periodStartsAfterEnd(start:end:)`` when `start` is after `end`.
    public init(start: CalendarDate, end: CalendarDate) throws(ReconciliationError) {
        guard start <= end else { throw .periodStartsAfterEnd(start: start, end: end) }
        self.init(checkedStart: start, end: end)
    }

    private init(checkedStart start: CalendarDate, end: CalendarDate) {
        self.start = start
        self.end = end
    }

    public func contains(_ date: CalendarDate) -> Bool { start <= date && date <= end }

    /// SPEC 7: `--period-start` when given; else the day after the pot's latest reconciled
    /// `period_end`, else the budget's `period_start`.
    ///
    /// "Latest" counts only reconciliations that end before `end`: a statement for a period
    /// already reconciled (a re-issued statement, or the same one posted again) then starts
    /// where the reconciliation before it stopped, instead of after its own end. For the usual
    /// next period the two readings are the same.
    /// - Returns: nil when the start would fall after `end`.
    public static func resolve(end: CalendarDate, start: CalendarDate?, history: PotHistory, opening: BudgetOpening) -> StatementPeriod? {
        let resolved = start ?? history.latestReconciliation(before: end).map { $0.periodEnd.adding(days: 1) } ?? opening.periodStart
        guard resolved <= end else { return nil }
        return StatementPeriod(checkedStart: resolved, end: end)
    }
}
