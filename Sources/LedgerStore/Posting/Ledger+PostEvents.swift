import LMDB
import LedgerDomain

extension Ledger {
    /// Posts typed events in one write transaction: the library's bulk path, with no JSON to
    /// read. Results are numbered from 1 in the order given.
    ///
    /// A typed event can hold what no line may (an empty id, a negative amount, a date in the
    /// year 0), so each is held to SPEC 2's field rules exactly as its JSON line would be, and
    /// then posted as `post` posts a line: same checks, same canonical bytes, same chain.
    public func post(events: some Collection<Event>, mode: PostMode = .allOrNothing,
                     clock: () -> Timestamp = Timestamp.now) throws -> PostReport {
        try postBatch(mode: mode) { poster, txn, report in
            let pipeline = try DecodingPipeline(events: events)
            defer { pipeline.stop() }
            while let line = try pipeline.next() {
                report.add(try poster.post(line, clock: clock, in: txn)!)
                noteMapped(events: 1)
            }
        }
    }
}
