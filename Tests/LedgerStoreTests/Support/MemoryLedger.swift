import LedgerDomain

/// The engine without the store: `PostingRules` over a dictionary, applying each acceptance the
/// way `Ledger.post` does (the projection it returns, the event under its id, the reversal mark).
/// It lets the property and fuzz tests run many thousands of steps in memory, and lets the limit
/// tests start from states (totals near Int64.max) that no test could post its way to.
final class MemoryLedger: LedgerLookup {
    private(set) var states: [String: BudgetState] = [:]
    private var events: [String: RecordedEvent] = [:]
    private var idsBySeq: [UInt64: String] = [:]
    private(set) var lastSeq: UInt64 = 0

    init(states: [BudgetState] = []) {
        for state in states { self.states[state.budget] = state }
    }

    func budgetState(_ budget: String) throws -> BudgetState? { states[budget] }

    func recordedEvent(id: String) throws -> RecordedEvent? { events[id] }

    func reconciledEventIDs(budget: String) throws -> [Pot?: Set<String>] {
        var ids: [Pot?: Set<String>] = [:]
        for recorded in events.values where recorded.event.budget == budget {
            if case .reconciliation(let pot, _, _, _, let matched?) = recorded.event.body { ids[pot, default: []].formUnion(matched) }
        }
        return ids
    }

    /// Evaluates one line and applies it when accepted.
    @discardableResult
    func post(_ line: [UInt8]) throws -> PostingOutcome {
        let outcome = try PostingRules.evaluate(line: line, in: self)
        if case .accepted(let acceptance) = outcome { apply(acceptance) }
        return outcome
    }

    func post(_ line: String) throws -> PostingOutcome { try post(Array(line.utf8)) }

    private func apply(_ acceptance: Acceptance) {
        lastSeq += 1
        let event = acceptance.event
        states[event.budget] = acceptance.budgetState
        events[event.id] = RecordedEvent(seq: lastSeq, event: event, isReversed: false)
        idsBySeq[lastSeq] = event.id
        if let reversedSeq = acceptance.reversedSeq, let id = idsBySeq[reversedSeq], let target = events[id] {
            events[id] = RecordedEvent(seq: target.seq, event: target.event, isReversed: true)
        }
    }
}
