import LedgerDomain
import LedgerStore

extension LedgerSnapshot {
    /// `due --to D [--budget B]` in this snapshot: each schedule's instalments dated on or before
    /// `date` whose derived id is not recorded yet (an unknown `budget` has nothing due).
    public func dueReport(to date: CalendarDate, budget: String? = nil) throws -> DueReport {
        // The care plan is in each budget's stored head: one value a budget.
        let states = try budget.map { try budgetBalances($0).map { [$0] } ?? [] } ?? allBudgetBalances()
        return try DueReport(to: date, budgets: states.map(CarePlanBudget.init(state:))) { try isRecorded(eventID: $0) }
    }
}

extension Ledger {
    /// `due --to D [--budget B]` from one read snapshot.
    ///
    /// ```swift
    /// let due = try ledger.dueReport(to: CalendarDate(iso: "2026-04-30")!)
    /// print(due.instalments.count, due.total ?? .zero)
    /// ```
    public func dueReport(to date: CalendarDate, budget: String? = nil) throws -> DueReport {
        try snapshot { try $0.dueReport(to: date, budget: budget) }
    }

    /// `due --to D --post`: the instalments due, worked out and posted in one write transaction,
    /// so that two runs at once cannot both post an instalment, and a run that stops part way
    /// (all-or-nothing, one would overdraw its pot) writes nothing. Instalment ids are derived
    /// from the schedule and date: running it again writes nothing new.
    ///
    /// ```swift
    /// let report = try ledger.postDue(through: CalendarDate(iso: "2026-04-30")!)
    /// print(report.written)
    /// ```
    public func postDue(through date: CalendarDate, budget: String? = nil, mode: PostMode = .allOrNothing,
                        clock: () -> Timestamp = Timestamp.now) throws -> PostReport {
        try computeAndPost(mode: mode, clock: clock) { snapshot in
            (events: try snapshot.dueReport(to: date, budget: budget).instalments.map(\.event), computed: ())
        }.report
    }
}
