import LMDB
import LedgerDomain

extension Ledger {
    /// Posts typed events in one write transaction: the library's bulk path, with no JSON to
    /// read. Results are numbered from 1 in the order given.
    ///
    /// A typed event can hold what no line may (an empty id, a negative amount, a date in the
    /// year 0), so each is held to SPEC 2's field rules exactly as its JSON line would be, and
    /// then posted as `post` posts a line: same checks, same canonical bytes, same chain.
    ///
    /// ```swift
    /// let transfer = Event(id: "PHB-0005/2025-04-03/dp-1", budget: "PHB-0005", date: CalendarDate(iso: "2025-04-03")!,
    ///                      body: .directPaymentTransfer(amount: Money(pence: 177_500)))
    /// let report = try ledger.post(events: [transfer])
    /// precondition(report.written == 1 || report.duplicates == 1)
    /// ```
    public func post(events: some Collection<Event>, mode: PostMode = .allOrNothing,
                     clock: () -> Timestamp = Timestamp.now) throws -> PostReport {
        try computeAndPost(mode: mode, clock: clock) { _ in (events: Array(events), computed: ()) }.report
    }

    /// Computes events from the ledger as it stands and posts them in the same write
    /// transaction: what is recorded is what was computed, whatever other processes post (they
    /// wait for LMDB's writer lock). `compute` reads through the snapshot of that transaction.
    ///
    /// `compute` may run more than once (LMDB reruns the transaction after growing a full map);
    /// the value returned is the last run's, the one whose events were posted. Results are
    /// numbered from 1 in the order of the events.
    ///
    /// ```swift
    /// let (report, closing) = try ledger.computeAndPost { snapshot in
    ///     let state = try snapshot.budgetState("PHB-0005")
    ///     let event = makeEvent(from: state)  // whatever the ledger as it stands calls for
    ///     return (events: [event], computed: state)
    /// }
    /// ```
    public func computeAndPost<Computed>(
        mode: PostMode = .allOrNothing,
        clock: () -> Timestamp = Timestamp.now,
        _ compute: (borrowing LedgerSnapshot) throws -> (events: [Event], computed: Computed)
    ) throws -> (report: PostReport, computed: Computed) {
        var computed: Computed?
        let report = try postBatch(mode: mode, carry: bulkCarry) { poster, txn, report in
            let (events, value) = try compute(LedgerSnapshot(ledger: self, transaction: txn))
            computed = value
            let pipeline = try DecodingPipeline(events: events)
            defer { pipeline.stop() }
            while let line = try pipeline.next() {
                guard let result = try poster.post(line, clock: clock, in: txn) else {
                    preconditionFailure("a typed event is never a blank line")
                }
                report.add(result)
                noteMapStep()
            }
        }
        guard let computed else { preconditionFailure("the write transaction ran its body") }
        return (report, computed)
    }
}
