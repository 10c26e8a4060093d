import LMDB
import LedgerDomain

/// Posts events inside one write transaction, one at a time, each checked against the ledger as
/// it stands after the ones before it. Every path into the ledger goes through here: `post` of
/// lines, typed events from the API, and the group committer.
///
/// The hot path, per event: decode the line (`EventLineDecoder`, without a JSON tree), claim
/// its id in the id index (that one B-tree descent both answers "is it new?" and records it),
/// check and apply the rules to the cached projection in place, then write the canonical bytes
/// and their hash into one reused buffer and append it. Nothing here allocates per event but the
/// event's own strings and its result.
struct BatchPoster {
    let databases: LedgerDatabases
    private(set) var tip: ChainTip
    private var budgets = BudgetStateCache()
    /// The record being appended: the 32-byte hash, then the canonical bytes. Reused.
    private var record: [UInt8] = []
    /// The `budget_events` key being written: budget id, 0, seq. Reused.
    private var budgetEventKey: [UInt8] = []

    init(databases: LedgerDatabases, tip: ChainTip) {
        self.databases = databases
        self.tip = tip
        record.reserveCapacity(1024)
        budgetEventKey.reserveCapacity(80)
    }

    /// Posts one prepared line; nil for a blank line, which is skipped.
    mutating func post(_ line: DecodedLine, clock: () -> Timestamp, in txn: borrowing WriteTransaction) throws -> LineResult? {
        switch line.content {
        case .blank:
            return nil
        case .event(let event, let openFields):
            return try post(event, openFields: openFields, line: line.number, clock: clock, in: txn)
        case .malformed(let id, let rejection):
            // SPEC 4.2: a recorded id is reported before the shape of the line.
            let lookup = EventLookup(reader: TransactionReader(txn), databases: databases)
            if let id, EventDecoder.isIdentifier(id), let existing = try lookup.recordedEvent(id: id) {
                return LineResult(line.number, id: id, PostingRules.repeatedIdentifier(id, decoded: .failure(rejection), existing: existing))
            }
            return LineResult(line.number, id: id, .rejected(rejection))
        }
    }

    /// Posts one well-formed event whose canonical bytes start with `openFields`.
    private mutating func post(_ event: Event, openFields: [UInt8], line: Int, clock: () -> Timestamp,
                               in txn: borrowing WriteTransaction) throws -> LineResult {
        let seq = tip.seq + 1
        var id = event.id
        // SPEC 4.2, the id first. Claiming it answers "is it new?" in the same B-tree descent
        // that records it; a rejected event gives it back below.
        let isNew = try withUnsafeBytes(of: seq.bigEndian) { seqKey in
            try id.withUTF8 { try txn.insert(databases.eventIDs, key: UnsafeRawBufferPointer($0), value: seqKey) }
        }
        let lookup = EventLookup(reader: TransactionReader(txn), databases: databases)
        guard isNew else {
            guard let existing = try lookup.recordedEvent(id: event.id) else {
                throw StoreError.damaged("event id \"\(event.id)\" is indexed but its event is not stored")
            }
            return LineResult(line, id: event.id, PostingRules.repeatedIdentifier(event.id, decoded: .success(event), existing: existing))
        }
        let slot = try budgets.slot(of: event.budget, in: txn, databases: databases)
        let verdict = try budgets.update(slot) { state in
            try PostingRules.apply(event, to: &state, findEvent: { id in
                // The event's own id is claimed already but not yet stored: it names nothing earlier.
                id == event.id ? nil : try lookup.recordedEvent(id: id)
            }, reconciledEarlier: { budget, pot in
                try lookup.reconciledEventIDs(budget: budget, pot: pot)
            })
        }
        switch verdict {
        case .rejected(let rejection):
            _ = try id.withUTF8 { try txn.delete(databases.eventIDs, key: UnsafeRawBufferPointer($0)) }
            return LineResult(line, id: event.id, .rejected(rejection))
        case .accepted(let reversedSeq):
            budgets.markChanged(slot)
            try append(event, openFields: openFields, version: budgets.version(slot), reversedSeq: reversedSeq, at: clock(), in: txn)
            return LineResult(line: line, id: event.id, status: .accepted, seq: seq, rejection: nil)
        }
    }

    /// Writes the changed projections and the new chain tip: the end of a batch.
    func finish(in txn: borrowing WriteTransaction) throws {
        try budgets.writeChanged(in: txn, databases: databases)
        try txn.put(databases.meta, key: Array("tip".utf8), value: tip.encoded)
    }

    /// Appends an accepted event (its id is indexed already): the event with its envelope and
    /// hash, its place among its budget's events, and the mark on the event it reverses.
    private mutating func append(_ event: Event, openFields: [UInt8], version: UInt64, reversedSeq: UInt64?, at now: Timestamp,
                                 in txn: borrowing WriteTransaction) throws {
        // SPEC 4.4: a clock a little behind records the latest time again; far behind, it is wrong.
        guard now.millisecondsSinceEpoch >= tip.recordedAt.millisecondsSinceEpoch - Ledger.clockBehindToleranceMilliseconds else {
            throw StoreError.clockBehind(clock: now, latestRecorded: tip.recordedAt)
        }
        let envelope = Envelope(seq: tip.seq + 1, version: version, recordedAt: max(now, tip.recordedAt))
        record.removeAll(keepingCapacity: true)
        record.append(contentsOf: ChainTip.genesisHash)  // the placeholder `chain` fills in
        record.append(contentsOf: openFields)
        EventEncoder.appendClosingEnvelope(envelope, to: &record)
        ChainHasher.chain(&tip.hash, record: &record)
        tip.seq = envelope.seq
        tip.recordedAt = envelope.recordedAt
        budgetEventKey.removeAll(keepingCapacity: true)
        budgetEventKey.append(contentsOf: event.budget.utf8)
        budgetEventKey.append(0)
        withUnsafeBytes(of: envelope.seq.bigEndian) { budgetEventKey.append(contentsOf: $0) }
        try withUnsafeBytes(of: envelope.seq.bigEndian) { seqKey in
            try record.withUnsafeBytes { try txn.put(databases.events, key: seqKey, value: $0, flags: .append) }
            try txn.put(databases.budgetEvents, key: budgetEventKey, value: [UInt8]())
            if let reversedSeq {
                try withUnsafeBytes(of: reversedSeq.bigEndian) { try txn.put(databases.reversals, key: $0, value: seqKey) }
            }
        }
    }
}

extension LineResult {
    /// The result of a line that was not appended (or not yet: `seq` is set on append).
    init(_ line: Int, id: String?, _ outcome: PostingOutcome) {
        switch outcome {
        case .duplicate: self.init(line: line, id: id, status: .duplicate, seq: nil, rejection: nil)
        case .rejected(let rejection): self.init(line: line, id: id, status: .rejected, seq: nil, rejection: rejection)
        case .accepted: preconditionFailure("an accepted line is reported with its seq")
        }
    }
}
