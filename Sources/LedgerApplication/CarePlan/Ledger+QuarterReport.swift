import LedgerDomain
import LedgerStore

extension Ledger {
    /// `report --quarter` (SPEC 9): the budgets as they stood on the quarter's last day, the day
    /// before it (to see what closed before it) and the day before its first, all folded from
    /// one read snapshot, so the quarter's movements are differences of states of the same events.
    ///
    /// `view`'s `asOfSeq` and `knownAt` answer "what the report said as the ledger was known
    /// then"; its `asOfDate` is ignored (the dates are the quarter's).
    ///
    /// ```swift
    /// let report = try ledger.quarterReport(FinancialQuarter("2025-Q4")!)
    /// print(String(decoding: report.json, as: UTF8.self))
    /// ```
    /// - Throws: ``ApplicationError/figuresTooLarge(_:)`` when a sum over the budgets would not
    ///   fit in the ledger's amounts, `StoreError`.
    public func quarterReport(_ quarter: FinancialQuarter, view: ViewFilter = ViewFilter()) throws -> QuarterReport {
        func asOf(_ date: CalendarDate) -> ViewFilter {
            var filter = view
            filter.asOfDate = date
            return filter
        }
        let report = try snapshot { snapshot -> QuarterReport? in
            let atEnd = try snapshot.budgetStates(view: asOf(quarter.to))
            let closedBeforeEnd = Set(try snapshot.budgetStates(view: asOf(quarter.to.adding(days: -1))).filter(\.isClosed).map(\.budget))
            let beforeStart = try snapshot.budgetStates(view: asOf(quarter.from.adding(days: -1)))
            let facts = atEnd.map { state in
                QuarterReport.BudgetFacts(holdingModel: state.opening.holdingModel, cohort: state.opening.cohort,
                                          openedOn: state.openedOn, isClosedBeforeEnd: closedBeforeEnd.contains(state.budget))
            }
            guard let endMoney = Self.potMoney(atEnd), let startMoney = Self.potMoney(beforeStart) else { return nil }
            return QuarterReport(quarter: quarter, budgets: facts, atEnd: endMoney, beforeStart: startMoney)
        }
        guard let report else { throw ApplicationError.figuresTooLarge("the quarter's figures add up to more than the ledger can hold") }
        return report
    }

    /// Allocated, spent and recovered per pot, summed over the budgets; nil on overflow.
    private static func potMoney(_ states: [BudgetState]) -> [Pot: QuarterReport.PotMoney]? {
        var sums: [Pot: QuarterReport.PotMoney] = [:]
        for state in states {
            for pot in state.pots {
                let money = sums[pot.pot] ?? QuarterReport.PotMoney()
                guard let allocated = money.allocated.adding(pot.figures.allocated),
                      let spent = money.spent.adding(pot.figures.spent),
                      let recovered = money.recovered.adding(pot.figures.recovered) else { return nil }
                sums[pot.pot] = QuarterReport.PotMoney(allocated: allocated, spent: spent, recovered: recovered)
            }
        }
        return sums
    }
}
