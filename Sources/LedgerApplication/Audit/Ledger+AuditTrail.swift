import LedgerDomain
import LedgerStore

/// A budget's audit trail in a view: its events in `seq` order, each with the balances after it.
public struct AuditTrail: Sendable {
    public let budget: String
    /// Empty when none of the budget's events counts in the view.
    public let entries: [AuditEntry]

    /// The budget as it stands after the last entry; nil when the view holds none.
    public var finalState: BudgetState? { entries.last?.stateAfter }
}

extension Ledger {
    /// A budget's events that count in the view, with who recorded each and when and the state
    /// after it (SPEC 6.3), from one read snapshot.
    ///
    /// ```swift
    /// let trail = try ledger.auditTrail(of: "PHB-0006", view: ViewFilter(asOfDate: CalendarDate(iso: "2025-12-31")))
    /// for entry in trail.entries { print(entry.stored.envelope.seq, entry.stored.event.id) }
    /// ```
    /// - Throws: ``ApplicationError/noSuchBudget(_:inView:)`` when the ledger has no such budget
    ///   at all (a budget that exists but has no events in the view gives an empty trail).
    public func auditTrail(of budget: String, view: ViewFilter = ViewFilter()) throws -> AuditTrail {
        try snapshot { try $0.auditTrail(of: budget, view: view) }
    }
}

extension LedgerSnapshot {
    /// ``LedgerStore/Ledger/auditTrail(of:view:)`` in this snapshot, beside other reads of the
    /// same state (the last seq an HTTP answer reports, say).
    public func auditTrail(of budget: String, view: ViewFilter = ViewFilter()) throws -> AuditTrail {
        guard try budgetBalances(budget) != nil else { throw ApplicationError.noSuchBudget(budget, inView: false) }
        var entries: [AuditEntry] = []
        try audit(budget, view: view) { entries.append($0) }
        return AuditTrail(budget: budget, entries: entries)
    }
}
