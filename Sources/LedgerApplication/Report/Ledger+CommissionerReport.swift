import LedgerDomain
import LedgerStore

extension Ledger {
    /// The commissioner's report for the days `from` through `to` (SPEC 7): both of its views,
    /// the budgets as at `to` and as they stood the day before `from`, are folded from one read
    /// snapshot, so that "spent in the period" is the difference of two states of the same events.
    ///
    /// `view`'s `asOfSeq` and `knownAt` answer "what the report said as the ledger was known
    /// then"; its `asOfDate` is ignored (the dates are `from` and `to`).
    ///
    /// ```swift
    /// let report = try ledger.commissionerReport(from: CalendarDate(iso: "2025-04-01")!, to: CalendarDate(iso: "2026-03-31")!)
    /// print(report.json)   // SPEC 7's JSON, as bytes
    /// ```
    /// - Throws: ``ApplicationError/periodStartsAfterEnd(start:end:)``,
    ///   ``ApplicationError/surplusWeeksOutOfRange(_:)``, `StoreError`.
    public func commissionerReport(from start: CalendarDate, to end: CalendarDate, view: ViewFilter = ViewFilter(),
                                   surplusWeeks: Int = Surplus.weeksDefault) throws -> CommissionerReport {
        try snapshot { try $0.commissionerReport(from: start, to: end, view: view, surplusWeeks: surplusWeeks) }
    }
}

extension LedgerSnapshot {
    /// ``LedgerStore/Ledger/commissionerReport(from:to:view:surplusWeeks:)`` in this snapshot.
    public func commissionerReport(from start: CalendarDate, to end: CalendarDate, view: ViewFilter = ViewFilter(),
                                   surplusWeeks: Int = Surplus.weeksDefault) throws -> CommissionerReport {
        guard start <= end else { throw ApplicationError.periodStartsAfterEnd(start: start, end: end) }
        try ApplicationError.checkSurplusWeeks(surplusWeeks)
        var atEnd = view, beforeStart = view
        atEnd.asOfDate = end
        beforeStart.asOfDate = start.adding(days: -1)
        let states = try budgetStates(view: atEnd)
        // SPEC 7.2: each held-elsewhere pot's outstanding items, from its events.
        var outstanding: [String: [Pot: [PotMovement]]] = [:]
        for state in states {
            for pot in state.pots.map(\.pot) where pot.isHeldElsewhere {
                outstanding[state.budget, default: [:]][pot] = try potHistory(budget: state.budget, pot: pot)?.history.outstanding
            }
        }
        return CommissionerReport(atEnd: states, beforeStart: try budgetStates(view: beforeStart),
                                  from: start, to: end, surplusWeeks: surplusWeeks, outstandingItems: outstanding)
    }
}
