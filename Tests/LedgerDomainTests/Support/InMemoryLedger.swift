import Testing
import LedgerDomain

/// A `LedgerLookup` held in memory that applies posting outcomes exactly as the store does:
/// an accepted event is recorded under the next `seq` (stored as its canonical bytes and read
/// back, as LMDB holds it), the event it reverses is marked reversed and the budget's state is
/// replaced; a duplicate or a rejection changes nothing.
struct InMemoryLedger: LedgerLookup {
    /// Everything a posting may change; equal before and after a rejected event.
    struct Snapshot: Equatable {
        var states: [String: BudgetState] = [:]
        var events: [String: RecordedEvent] = [:]
        var lastSeq: UInt64 = 0
    }

    private(set) var snapshot = Snapshot()
    /// Every recorded event with its envelope, in `seq` order, for the view folds.
    private(set) var log: [(event: Event, envelope: Envelope)] = []
    /// The `recorded_at` of the next accepted event; each acceptance moves it one second on.
    var clock = Timestamp(rfc3339: "2026-04-01T09:00:00.000Z")!

    init() {}

    /// A ledger with `lines` posted in order, every one expected to be accepted.
    init(accepting lines: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        accept(all: lines, sourceLocation: sourceLocation)
    }

    // MARK: LedgerLookup

    func budgetState(_ budget: String) -> BudgetState? { snapshot.states[budget] }

    func recordedEvent(id: String) -> RecordedEvent? { snapshot.events[id] }

    func reconciledEventIDs(budget: String) -> [Pot?: Set<String>] {
        var ids: [Pot?: Set<String>] = [:]
        for (event, _) in log where event.budget == budget {
            if case .reconciliation(let pot, _, _, _, let matched?) = event.body { ids[pot, default: []].formUnion(matched) }
        }
        return ids
    }

    // MARK: Posting

    /// Evaluates one JSON line against the ledger as it stands and applies the outcome.
    @discardableResult
    mutating func post(_ jsonLine: String) -> PostingOutcome {
        let outcome: PostingOutcome
        do {
            outcome = try PostingRules.evaluate(line: Array(jsonLine.utf8), in: self)
        } catch {
            preconditionFailure("the in-memory lookup never throws, yet evaluate threw \(error)")
        }
        if case .accepted(let acceptance) = outcome { record(acceptance) }
        return outcome
    }

    /// Posts `line`, records an issue unless it is accepted, and returns the acceptance.
    @discardableResult
    mutating func accept(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> Acceptance? {
        let outcome = post(line)
        guard case .accepted(let acceptance) = outcome else {
            Issue.record("expected acceptance of \(line), got \(outcome)", sourceLocation: sourceLocation)
            return nil
        }
        return acceptance
    }

    /// Posts `lines` in order, each expected to be accepted.
    mutating func accept(all lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for line in lines { accept(line, sourceLocation: sourceLocation) }
    }

    /// Posts `line` and expects it rejected with `code`, the ledger unchanged afterwards.
    mutating func expectRejected(_ code: RejectionCode, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let before = snapshot
        let outcome = post(line)
        #expect(outcome.rejection?.code == code, "\(line) → \(outcome)", sourceLocation: sourceLocation)
        #expect(snapshot == before, "a rejected event wrote nothing", sourceLocation: sourceLocation)
    }

    /// Posts `line` and expects a duplicate of the event recorded at `seq`, the ledger unchanged.
    mutating func expectDuplicate(of seq: UInt64, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let before = snapshot
        let outcome = post(line)
        #expect(outcome == .duplicate(seq: seq), "\(line) → \(outcome)", sourceLocation: sourceLocation)
        #expect(snapshot == before, "a duplicate wrote nothing", sourceLocation: sourceLocation)
    }

    /// Replaces a budget's state without any rule: only for states that millions of events would
    /// be needed to reach, such as totals near the limit of 64-bit pence.
    mutating func overwrite(_ state: BudgetState) { snapshot.states[state.budget] = state }

    private mutating func record(_ acceptance: Acceptance) {
        let seq = snapshot.lastSeq + 1
        let envelope = Envelope(seq: seq, version: acceptance.budgetState.version, recordedAt: clock)
        let canonical = EventEncoder.canonicalBytes(of: acceptance.event, envelope: envelope)
        guard case .success(let stored) = EventDecoder.decode(line: canonical) else {
            preconditionFailure("the canonical bytes of an accepted event do not decode: \(String(decoding: canonical, as: UTF8.self))")
        }
        snapshot.lastSeq = seq
        snapshot.events[stored.id] = RecordedEvent(seq: seq, event: stored, isReversed: false)
        if let reversedSeq = acceptance.reversedSeq {
            let target = log[Int(reversedSeq) - 1].event
            snapshot.events[target.id] = RecordedEvent(seq: reversedSeq, event: target, isReversed: true)
        }
        snapshot.states[stored.budget] = acceptance.budgetState
        log.append((stored, envelope))
        clock = Timestamp(millisecondsSinceEpoch: clock.millisecondsSinceEpoch + 1000)
    }

    // MARK: Reading

    /// The budget's state as it stands; records an issue when there is no such budget.
    func state(_ budget: String = Lines.budget, sourceLocation: SourceLocation = #_sourceLocation) -> BudgetState {
        guard let state = snapshot.states[budget] else {
            Issue.record("no budget \(budget)", sourceLocation: sourceLocation)
            return BudgetState(budget: budget, openedOn: .init(daysSinceEpoch: 0), opening: BudgetOpening(person: "", holdingModel: .notional, pots: nil,
                                                                      periodStart: .init(daysSinceEpoch: 0), periodEnd: .init(daysSinceEpoch: 0)))
        }
        return state
    }

    /// One pot's balances as they stand.
    func pot(_ pot: Pot, of budget: String = Lines.budget, sourceLocation: SourceLocation = #_sourceLocation) -> PotBalances {
        guard let balances = state(budget, sourceLocation: sourceLocation).balances(of: pot) else {
            Issue.record("budget \(budget) has no \(pot.rawValue) pot", sourceLocation: sourceLocation)
            return PotBalances(pot: pot)
        }
        return balances
    }

    /// The `balance --json` line of the budget as it stands.
    func balanceJSON(_ budget: String = Lines.budget) -> String {
        String(decoding: BalanceReport.json(state(budget)), as: UTF8.self)
    }

    /// The budget folded from its events as the store folds a view: in `seq` order, a reversal
    /// resolved among the budget's earlier reversible events.
    func view(_ budget: String = Lines.budget, _ filter: ViewFilter) throws -> BudgetState? {
        var fold = BudgetFold(filter: filter)
        var reversible: [String: (Event, Envelope)] = [:]
        for (event, envelope) in log where event.budget == budget {
            try fold.apply(event, envelope) { reversible[$0] }
            if event.kind.isReversible { reversible[event.id] = (event, envelope) }
        }
        return fold.state
    }
}
