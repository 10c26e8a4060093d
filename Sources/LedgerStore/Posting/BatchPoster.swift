import LMDB
import LedgerDomain

/// Posts events inside one write transaction, one at a time, each checked against the ledger as
/// it stands after the ones before it. Every path into the ledger goes through here: `post` of
/// lines, typed events from the API, and the group committer.
///
/// The hot path, per event: decode the line (`EventLineDecoder`, without a JSON tree), claim
/// its id in the id index, check and apply the rules to the cached projection in place, then
/// write the canonical bytes and their hash into one reused buffer and append them. Nothing here
/// allocates per event but the event's own strings and its result.
struct BatchPoster {
    let databases: LedgerDatabases
    private(set) var tip: ChainTip
    private var budgets: BudgetStateCache
    /// The record being appended: the 32-byte hash, then the canonical bytes. Reused.
    private var record: [UInt8] = []
    /// Whether the id index has had an entry: from then on, an event's id is claimed before the
    /// rules run (see `post`). It stays true: only a claim given back is ever deleted here.
    private var idIndexHasEntries = false

    /// `known`: projections known to be what the ledger stores at `tip` (`ProjectionCarry`).
    init(databases: LedgerDatabases, tip: ChainTip, known: [String: KeptProjection] = [:]) {
        self.databases = databases
        self.tip = tip
        budgets = BudgetStateCache(known: known)
        record.reserveCapacity(1024)
    }

    /// Posts one prepared line through the one posting path (`PostingRules.post`); nil for a
    /// blank line, which is skipped.
    mutating func post(_ line: DecodedLine, clock: () -> Timestamp, in txn: borrowing WriteTransaction) throws -> LineResult? {
        guard let decoded = line.decoded else { return nil }
        let seq = tip.seq + 1
        let databases = databases
        // Past the tip too: an import's own earlier commits (see `EventLookup`).
        let lookup = EventLookup(reader: TransactionReader(txn), databases: databases, visibleThrough: .max)
        // The event's id is claimed in the id index, under the seq it would take, before the
        // rules run: most lines are new events, and one descent of the index then both finds the
        // id unrecorded and records it, where a lookup and then an insert made two (a tenth of
        // the writer's instructions). A line whose id is recorded is judged from the seq the
        // claim met; a claim is given back when its line is not accepted. Not while the index is
        // empty: giving back its only entry would free its root page, a page per refused line.
        var claim: (id: String, recordedAt: UInt64?)?
        if case .event(let event) = decoded, try idIndexHasEntries || txn.count(databases.eventIDs) > 0 {
            idIndexHasEntries = true
            var id = event.id
            let recordedAt = try withUnsafeBytes(of: seq.bigEndian) { seqKey in
                try id.withUTF8 {
                    try txn.insertOrRead(databases.eventIDs, key: UnsafeRawBufferPointer($0), value: seqKey, existing: ByteReader.seq)
                }
            }
            claim = (event.id, recordedAt)
        }
        // Claimed: the id was not recorded; met: it was, at the seq the claim met.
        let claimedNew = claim.map { $0.recordedAt == nil } ?? false
        var slot: Int?
        let verdict = try PostingRules.post(
            decoded,
            recordedEvent: { id in
                guard let claim, id == claim.id else { return try lookup.recordedEvent(id: id) }
                return try claim.recordedAt.flatMap { try lookup.recordedEvent(indexedAt: $0, id: id) }
            },
            reconciledEventIDs: { try lookup.reconciledEventIDs(budget: $0) },
            updateBudget: { budget, body in
                let found = try budgets.slot(of: budget, in: txn, databases: databases)
                slot = found
                if case .event(let event) = decoded, Projector.readsDatedTotals(event, eventsSoFar: budgets.version(found)) {
                    try budgets.completeDatedTotals(found) { try lookup.foldedState(of: budget) }
                }
                return budgets.update(found, body)
            })
        if case .accepted = verdict {} else if claimedNew, var id = claim?.id {
            let givenBack = try id.withUTF8 { try txn.delete(databases.eventIDs, key: UnsafeRawBufferPointer($0)) }
            precondition(givenBack, "a claimed id is in the index until given back")
        }
        switch verdict {
        case .duplicate:
            return LineResult(line: line.number, id: decoded.id, status: .duplicate, seq: nil, rejection: nil)
        case .rejected(let rejection):
            return LineResult(line: line.number, id: decoded.id, status: .rejected, seq: nil, rejection: rejection)
        case .accepted(let reversedSeq):
            guard case .event(let event) = decoded, let slot else { preconditionFailure("an accepted line is an event of a budget") }
            budgets.markChanged(slot)
            try append(event, openFields: line.openFields, effect: line.effect, version: budgets.version(slot), reversedSeq: reversedSeq,
                       idClaimed: claimedNew, at: clock(), in: txn)
            precondition(tip.seq == seq, "an accepted event is appended under the next seq")
            return LineResult(line: line.number, id: event.id, status: .accepted, seq: seq, rejection: nil)
        }
    }

    /// The projections the batch changed, as they stand now.
    var changedProjections: [String: KeptProjection] { budgets.changedStates }

    /// Writes the changed projections and the new chain tip: the end of a batch.
    /// `afterEachBudget` runs after each budget's projection is written (a step through the map).
    func finish(in txn: borrowing WriteTransaction, afterEachBudget: () -> Void) throws {
        try budgets.writeChanged(in: txn, databases: databases, afterEach: afterEachBudget)
        try txn.put(databases.meta, key: Array("tip".utf8), value: tip.encoded)
    }

    /// Appends an accepted event: the event with its envelope and hash, its money effect, its id
    /// in the id index (unless `post` claimed it there already), its place among its budget's
    /// events, and the mark on the event it reverses. Every per-event write is keyed by the seq
    /// or names it, so that a rollback of events past a chain tip finds them all.
    private mutating func append(_ event: Event, openFields: [UInt8], effect: [UInt8], version: UInt64, reversedSeq: UInt64?,
                                 idClaimed: Bool, at now: Timestamp, in txn: borrowing WriteTransaction) throws {
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
        // Paired with reading it back (`StoredEvent`), which is what verify, export and every
        // report do: the bytes about to be stored must give back this event and envelope.
        // Debug builds only: a decode per event would cost a third of posting.
        assert(record.withUnsafeBytes { try? StoredEvent(storedValue: $0) }.map { $0.event == event && $0.envelope == envelope } == true,
               "an appended event reads back as itself with its envelope")
        tip.seq = envelope.seq
        tip.recordedAt = envelope.recordedAt
        // Derived when the line was prepared, off this thread; `verify` derives it again from the
        // whole canonical bytes, and the two must agree (debug builds check each event here).
        assert(record.withUnsafeBytes { stored in
            var derived: [UInt8] = []
            MoneyEffect.encode(canonical: UnsafeRawBufferPointer(rebasing: stored[StoredEvent.hashLength...]), into: &derived)
            return derived == effect
        }, "the money effect prepared from the open fields is the one the canonical bytes give")
        try withUnsafeBytes(of: envelope.seq.bigEndian) { seqKey in
            try record.withUnsafeBytes { try txn.put(databases.events, key: seqKey, value: $0, flags: .append) }
            try effect.withUnsafeBytes { try txn.put(databases.effects, key: seqKey, value: $0, flags: .append) }
            if !idClaimed {
                var id = event.id
                let isNew = try id.withUTF8 { try txn.insert(databases.eventIDs, key: UnsafeRawBufferPointer($0), value: seqKey) }
                precondition(isNew, "an accepted event's id was looked up and found unrecorded")
                idIndexHasEntries = true
            }
            var budget = event.budget
            try budget.withUTF8 { try txn.put(databases.budgetEvents, key: UnsafeRawBufferPointer($0), value: seqKey) }
            if let reversedSeq {
                try withUnsafeBytes(of: reversedSeq.bigEndian) { try txn.put(databases.reversals, key: $0, value: seqKey) }
            }
        }
    }
}

extension DecodedEvent {
    /// The line's `id` when it is a string: the event's, or the one a malformed line carries.
    var id: String? {
        switch self {
        case .event(let event): return event.id
        case .malformed(let id, _): return id
        }
    }
}
