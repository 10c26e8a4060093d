import LedgerDomain
import LedgerStore

extension Ledger {
    /// Matches a statement to a pot (SPEC 7) without recording anything, from one read snapshot.
    ///
    /// ```swift
    /// let statement = try Statement.parse(Array(csvText.utf8))
    /// let result = try ledger.reconcile(ReconciliationRequest(budget: "PHB-0005", pot: .directPayment,
    ///                                                         statement: statement, periodEnd: CalendarDate(iso: "2026-04-30")!))
    /// print(result.record.variance, result.match.statementOnly.count)
    /// ```
    /// - Parameter request: the budget, pot, parsed statement and period.
    /// - Throws: ``ApplicationError`` (no such budget, no such pot, a bad period), `StoreError`.
    public func reconcile(_ request: ReconciliationRequest) throws -> Reconciliation {
        try snapshot { try $0.reconcile(request) }
    }

    /// Reconciles and records the result as a `reconciliation` event in **one write
    /// transaction**: the event posted carries exactly the figures computed, whatever other
    /// processes post at the same time (they wait for LMDB's writer lock).
    ///
    /// ```swift
    /// let posted = try ledger.reconcileAndPost(request)
    /// switch posted.result.status {
    /// case .accepted: print("recorded at seq", posted.result.seq!)
    /// case .duplicate: print("already recorded")
    /// case .rejected: print(posted.result.rejection!.code)
    /// }
    /// ```
    /// - Parameters:
    ///   - request: the budget, pot, parsed statement and period.
    ///   - eventID: the event's id; nil gives `Reconciliation.defaultEventID`, so that the
    ///     same statement posted twice is a duplicate.
    ///   - clock: the time to record as `recorded_at`.
    /// - Throws: as ``reconcile(_:)``; nothing is written then.
    ///   - actor: who records it (over HTTP, the login); nil leaves `actor` out.
    public func reconcileAndPost(_ request: ReconciliationRequest, eventID: String? = nil, actor: String? = nil,
                                 clock: () -> Timestamp = Timestamp.now) throws -> PostedReconciliation {
        var request = request
        if let eventID { request.eventID = eventID }
        let (report, reconciliation) = try computeAndPost(clock: clock) { snapshot in
            let reconciliation = try request.reconcile(in: snapshot)
            var event = reconciliation.event()
            event.actor = actor
            return (events: [event], computed: reconciliation)
        }
        let id = reconciliation.eventID
        guard let result = report.results.first, report.results.count == 1 else {
            preconditionFailure("one event was posted, so there is one result")
        }
        return PostedReconciliation(reconciliation: reconciliation, eventID: id, result: result)
    }
}

extension LedgerSnapshot {
    /// ``LedgerStore/Ledger/reconcile(_:)`` in this snapshot.
    public func reconcile(_ request: ReconciliationRequest) throws -> Reconciliation {
        try request.reconcile(in: self)
    }
}
