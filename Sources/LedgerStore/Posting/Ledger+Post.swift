import LMDB
import LedgerDomain

/// Thrown inside the write transaction to roll back an all-or-nothing batch that had a rejection.
private struct BatchRejected: Error {
    let report: PostReport
}

extension Ledger {
    /// Posts lines in one write transaction: each event is checked against the ledger as it
    /// stands after the events before it, appended with its envelope and hash, and the budget
    /// projections are updated in the same transaction.
    ///
    /// - Parameters:
    ///   - openSource: opens the input from its start; it may be called more than once, because
    ///     LMDB runs the transaction again after growing a full map.
    ///   - clock: the time to record; `recorded_at` never goes backwards along the chain.
    ///   - progress: called with the number of lines read, every `progressInterval` lines.
    public func post(
        mode: PostMode = .allOrNothing,
        clock: () -> Timestamp = Timestamp.now,
        progress: ((Int) -> Void)? = nil,
        openSource: () throws -> any LineSource
    ) throws -> PostReport {
        do {
            return try write { txn in
                let lookup = EventLookup(reader: TransactionReader(txn), databases: databases)
                let context = PostingContext(lookup: lookup)
                var tip = try self.tip(in: txn)
                var report = PostReport()
                var source = try openSource()
                var linesRead = 0
                while let line = try source.nextLine() {
                    linesRead += 1
                    if let progress, linesRead % Ledger.progressInterval == 0 { progress(linesRead) }
                    if line.isBlank { continue }
                    let (id, outcome) = try evaluate(line, in: context)
                    switch outcome {
                    case .duplicate:
                        report.duplicates += 1
                        report.results.append(LineResult(line: line.number, id: id, status: .duplicate, seq: nil, rejection: nil))
                    case .rejected(let rejection):
                        report.rejected += 1
                        report.results.append(LineResult(line: line.number, id: id, status: .rejected, seq: nil, rejection: rejection))
                    case .accepted(let acceptance):
                        tip = try append(acceptance, after: tip, at: clock(), in: txn, context: context)
                        report.accepted += 1
                        report.results.append(LineResult(line: line.number, id: id, status: .accepted, seq: tip.seq, rejection: nil))
                    }
                }
                if mode == .allOrNothing && report.rejected > 0 { throw BatchRejected(report: report) }
                for state in context.changedBudgets.values {
                    try txn.put(databases.budgets, key: Array(state.budget.utf8), value: BudgetStateCodec.encode(state))
                }
                try txn.put(databases.meta, key: Array("tip".utf8), value: tip.encoded)
                report.written = report.accepted
                return report
            }
        } catch let rejected as BatchRejected {
            var report = rejected.report
            for index in report.results.indices { report.results[index].seq = nil }
            return report
        }
    }

    static let progressInterval = 10_000

    private func evaluate(_ line: InputLine, in context: PostingContext) throws -> (String?, PostingOutcome) {
        if line.isTooLong {
            return (nil, .rejected(Rejection(.malformedJSON, "the line is longer than \(LineReader.lineLengthMax) bytes")))
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line.bytes)
        } catch {
            return (nil, .rejected(Rejection(.malformedJSON, "the line is not valid JSON: \(error.message)")))
        }
        return (EventDecoder.identifier(of: value), try PostingRules.evaluate(value, in: context))
    }

    /// Appends one accepted event: the event, its indexes, and its budget's projection (cached
    /// until the batch ends). Returns the new tip of the chain.
    private func append(_ acceptance: Acceptance, after tip: ChainTip, at now: Timestamp,
                        in txn: borrowing WriteTransaction, context: PostingContext) throws -> ChainTip {
        let event = acceptance.event
        let envelope = Envelope(seq: tip.seq + 1, version: acceptance.budgetState.version,
                                recordedAt: max(now, tip.recordedAt))
        let canonical = EventEncoder.canonicalBytes(of: event, envelope: envelope)
        let hash = ChainHasher.hash(previous: tip.hash, canonicalBytes: canonical)
        let seqKey = ByteWriter.key(seq: envelope.seq)
        try txn.put(databases.events, key: seqKey, value: StoredEvent.value(hash: hash, canonicalBytes: canonical), flags: .append)
        guard try txn.insert(databases.eventIDs, key: Array(event.id.utf8), value: seqKey) else {
            throw StoreError.damaged("event id \"\(event.id)\" is indexed but was not found as a duplicate")
        }
        try txn.put(databases.budgetEvents, key: LedgerDatabases.budgetEventKey(budget: event.budget, seq: envelope.seq), value: [UInt8]())
        if let reversedSeq = acceptance.reversedSeq {
            try txn.put(databases.reversals, key: ByteWriter.key(seq: reversedSeq), value: seqKey)
        }
        context.record(acceptance.budgetState)
        return ChainTip(seq: envelope.seq, recordedAt: envelope.recordedAt, hash: hash)
    }
}
