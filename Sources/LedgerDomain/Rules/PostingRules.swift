/// The rules of SPEC 4, checked in its order: each step is an early return, so the first rule
/// an event breaks is the one reported, and nothing is changed until every rule has passed.
public enum PostingRules {
    /// Evaluates one line of a JSON Lines file against the ledger as it stands.
    public static func evaluate(line: [UInt8], in ledger: some LedgerLookup) throws -> PostingOutcome {
        if let event = EventLineDecoder.decode(line) { return try evaluate(.success(event), id: event.id, in: ledger) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            return .rejected(Rejection(.malformedJSON, "the line is not valid JSON: \(error.message)"))
        }
        return try evaluate(value, in: ledger)
    }

    public static func evaluate(_ value: JSONValue, in ledger: some LedgerLookup) throws -> PostingOutcome {
        try evaluate(EventDecoder.decode(value), id: EventDecoder.identifier(of: value), in: ledger)
    }

    /// Evaluates a decoded line; `id` is its `id` whenever that is a string, decoded or not.
    public static func evaluate(_ decoded: Result<Event, Rejection>, id: String?, in ledger: some LedgerLookup) throws -> PostingOutcome {
        // SPEC 4.2: the id decides first; same content is a duplicate, other content a conflict.
        // An id that breaks the identifier rule cannot be recorded, so it is not looked up.
        if let id, EventDecoder.isIdentifier(id), let existing = try ledger.recordedEvent(id: id) {
            return repeatedIdentifier(id, decoded: decoded, existing: existing)
        }
        switch decoded {
        case .failure(let rejection): return .rejected(rejection)
        case .success(let event): return try check(event, in: ledger)
        }
    }

    /// SPEC 4.2: a line whose `id` is recorded already is a duplicate when it decodes to the same
    /// event, and an `id_conflict` otherwise.
    public static func repeatedIdentifier(_ id: String, decoded: Result<Event, Rejection>, existing: RecordedEvent) -> PostingOutcome {
        if case .success(let event) = decoded, event == existing.event { return .duplicate(seq: existing.seq) }
        return .rejected(Rejection(.idConflict, "an event with id \"\(id)\" is already recorded (seq \(existing.seq)) with different content"))
    }

    /// Checks a well-formed event against the ledger: budget, closing, pot, category,
    /// references, funds, open commitments.
    public static func check(_ event: Event, in ledger: some LedgerLookup) throws -> PostingOutcome {
        var state = try ledger.budgetState(event.budget)
        switch try apply(event, to: &state, findEvent: { try ledger.recordedEvent(id: $0) },
                         reconciledEarlier: { try ledger.reconciledEventIDs(budget: $0, pot: $1) }) {
        case .rejected(let rejection): return .rejected(rejection)
        case .accepted(let reversedSeq): return .accepted(Acceptance(event: event, budgetState: state!, reversedSeq: reversedSeq))
        }
    }

    public enum Verdict: Equatable, Sendable {
        /// For a reversal, the seq of the event it undoes, which is now marked reversed.
        case accepted(reversedSeq: UInt64?)
        case rejected(Rejection)
    }

    /// Checks a well-formed event against its budget's projection (`nil`: no such budget yet)
    /// and, when every rule passes, applies it to `state` in place; a rejected event leaves
    /// `state` as it was. `findEvent` looks up a recorded event by id (a reversal's target, a
    /// reconciliation's `matched`); `reconciledEarlier` gives the ids the budget's recorded
    /// reconciliations of a pot name in `matched`, asked only for a reconciliation that has one.
    public static func apply(_ event: Event, to state: inout BudgetState?,
                             findEvent: (String) throws -> RecordedEvent?,
                             reconciledEarlier: (_ budget: String, _ pot: Pot) throws -> Set<String>) throws -> Verdict {
        let budget = event.budget
        if case .budgetOpened = event.body {
            if state != nil { return .rejected(Rejection(.budgetExists, "budget \"\(budget)\" is already open")) }
            state = Projector.open(event)
            return .accepted(reversedSeq: nil)
        }
        // Moved out of the optional and back, so that the checks neither copy the projection
        // nor make it shared when it is changed in place.
        guard var current = state.take() else {
            return .rejected(Rejection(.unknownBudget, "there is no budget \"\(budget)\"; open it with a budget_opened event first"))
        }
        let verdict = try apply(event, toExisting: &current, findEvent: findEvent, reconciledEarlier: reconciledEarlier)
        state = consume current
        return verdict
    }

    private static func apply(_ event: Event, toExisting state: inout BudgetState,
                              findEvent: (String) throws -> RecordedEvent?,
                              reconciledEarlier: (String, Pot) throws -> Set<String>) throws -> Verdict {
        var target: RecordedEvent?
        if case .reversal(let reverses, _) = event.body, let found = try findEvent(reverses), found.event.budget == event.budget {
            target = found
        }
        // In SPEC 4.1's order; plain statements rather than `??`, whose closures would copy `state`.
        if let rejection = openingDateRejection(event, state: state) { return .rejected(rejection) }
        if let rejection = closedBudgetRejection(event, state: state, target: target) { return .rejected(rejection) }
        if let rejection = potRejection(event, state: state) { return .rejected(rejection) }
        if let rejection = categoryRejection(event) { return .rejected(rejection) }
        if let rejection = referenceRejection(event, state: state, target: target) { return .rejected(rejection) }
        if let rejection = try matchedRejection(event, state: state, findEvent: findEvent, reconciledEarlier: reconciledEarlier) {
            return .rejected(rejection)
        }
        if let rejection = fundsRejection(event, applyingTo: &state, target: target) { return .rejected(rejection) }
        return .accepted(reversedSeq: target?.seq)
    }

    /// SPEC 4.4: nothing of a budget is dated before the budget was opened.
    private static func openingDateRejection(_ event: Event, state: BudgetState) -> Rejection? {
        guard event.date < state.openedOn else { return nil }
        return Rejection(.dateBeforeOpening, "\(event.kind.rawValue) dated \(event.date) is before budget \"\(state.budget)\" was opened on \(state.openedOn)")
    }

    private static func closedBudgetRejection(_ event: Event, state: BudgetState, target: RecordedEvent?) -> Rejection? {
        guard state.isClosed else { return nil }
        switch event.body {
        case .reconciliation, .recovery, .commitmentRelease:
            // A release after closing frees a commitment that a reversed payment reopened (SPEC 4.2).
            return nil
        case .reversal:
            // SPEC 4.2: only a reversal *of a payment or recovery* of this budget passes; SPEC 4
            // puts budget_closed before the references, so an unknown target is budget_closed too.
            if let target, target.event.kind == .payment || target.event.kind == .recovery { return nil }
        default:
            break
        }
        return Rejection(.budgetClosed, "budget \"\(state.budget)\" is closed: only reconciliations, recoveries, commitment releases and reversals of payments or recoveries are accepted")
    }

    private static func potRejection(_ event: Event, state: BudgetState) -> Rejection? {
        switch event.body {
        case .reversal, .budgetClosed, .budgetOpened: return nil
        default: break
        }
        guard let pot = state.pot(for: event.body) else {
            return Rejection(.missingField, "budget \"\(state.budget)\" is mixed: a \(event.kind.rawValue) must name its \"pot\"")
        }
        switch event.body {
        case .recovery, .reconciliation:
            if pot == .notional {
                return Rejection(.potNotInBudget, "budget \"\(state.budget)\" has no third_party or direct_payment pot for a \(event.kind.rawValue)")
            }
        default: break
        }
        guard state.index(of: pot) != nil else {
            let pots = state.pots.map(\.pot.rawValue).joined(separator: ", ")
            return Rejection(.potNotInBudget, "budget \"\(state.budget)\" has no \(pot.rawValue) pot (its pots: \(pots))")
        }
        return nil
    }

    private static func categoryRejection(_ event: Event) -> Rejection? {
        let category: String
        switch event.body {
        case .payment(let payment): category = payment.category
        case .notionalCommitment(_, _, let named, _): category = named
        default: return nil
        }
        guard ExcludedCategories.isExcluded(category) else { return nil }
        return Rejection(.excludedCategory, "\"\(category)\" may never be bought with a personal health budget")
    }

    private static func referenceRejection(_ event: Event, state: BudgetState, target: RecordedEvent?) -> Rejection? {
        switch event.body {
        case .notionalCommitment(let commitment, _, _, _):
            if state.commitments[commitment] != nil {
                return Rejection(.duplicateCommitment, "commitment \"\(commitment)\" already exists in budget \"\(state.budget)\"")
            }
        case .commitmentRelease(let commitment, _):
            if state.commitments[commitment] == nil { return unknownCommitment(commitment, state) }
        case .payment(let payment):
            if let commitment = payment.commitment, state.commitments[commitment] == nil { return unknownCommitment(commitment, state) }
        case .reversal(let reverses, _):
            guard let target else {
                return Rejection(.unknownEvent, "budget \"\(state.budget)\" has no event \"\(reverses)\" to reverse")
            }
            guard target.event.kind.isReversible else {
                return Rejection(.notReversible, "a \(target.event.kind.rawValue) cannot be reversed; only allocations, transfers, payments and recoveries can")
            }
            if target.isReversed {
                return Rejection(.alreadyReversed, "event \"\(reverses)\" has already been reversed")
            }
        default:
            break
        }
        return nil
    }

    /// SPEC 7.2, at the references stage: every id a reconciliation's `matched` names is a
    /// payment, recovery or transfer of its pot (`unknown_event`, all checked first), named once
    /// in the array and by no earlier reconciliation of the pot (`already_reconciled`).
    private static func matchedRejection(_ event: Event, state: BudgetState, findEvent: (String) throws -> RecordedEvent?,
                                         reconciledEarlier: (String, Pot) throws -> Set<String>) throws -> Rejection? {
        guard case .reconciliation(_, _, _, _, let matched?) = event.body, !matched.isEmpty else { return nil }
        guard let pot = state.pot(for: event.body) else { preconditionFailure("the pot stage resolved the reconciliation's pot") }
        for id in matched {
            guard let found = try findEvent(id), found.event.budget == event.budget, found.event.kind.isStatementMovement,
                  state.pot(for: found.event.body) == pot else {
                return Rejection(.unknownEvent, "\"matched\" names \"\(id)\", which is not a payment, recovery or transfer of the \(pot.rawValue) pot of budget \"\(state.budget)\"")
            }
        }
        var seen = Set<String>()
        seen.reserveCapacity(matched.count)
        let earlier = try reconciledEarlier(event.budget, pot)
        for id in matched {
            if earlier.contains(id) {
                return Rejection(.alreadyReconciled, "event \"\(id)\" is already matched by a reconciliation of the \(pot.rawValue) pot")
            }
            guard seen.insert(id).inserted else {
                return Rejection(.alreadyReconciled, "\"matched\" names event \"\(id)\" twice")
            }
        }
        return nil
    }

    private static func unknownCommitment(_ commitment: String, _ state: BudgetState) -> Rejection {
        Rejection(.unknownCommitment, "budget \"\(state.budget)\" has no commitment \"\(commitment)\"")
    }

    /// The funds rules; when they pass, the event is applied to `state`.
    private static func fundsRejection(_ event: Event, applyingTo state: inout BudgetState, target: RecordedEvent?) -> Rejection? {
        switch event.body {
        case .commitmentRelease(let commitment, let amount):
            let open = state.commitments[commitment] ?? .zero
            if open.pence <= 0 || (amount.map { $0 > open } ?? false) {
                return Rejection(.insufficientFunds, "commitment \"\(commitment)\" has \(open) open; cannot release \(amount ?? open)")
            }
        case .payment(let payment):
            if let commitment = payment.commitment, let open = state.commitments[commitment], payment.amount > open {
                return Rejection(.insufficientFunds, "commitment \"\(commitment)\" has \(open) open; cannot pay \(payment.amount) against it")
            }
        case .budgetClosed:
            let open = state.openCommitmentCount
            if open > 0 {
                return Rejection(.openCommitments, "budget \"\(state.budget)\" has \(open) open commitment\(open == 1 ? "" : "s"); release or pay them before closing")
            }
        default:
            break
        }
        let change: ProjectedChange
        do {
            change = try Projector.project(event, on: state, reversed: target?.event)
        } catch {
            return Rejection(.invalidField, "the amount would take a total of budget \"\(state.budget)\" beyond what the ledger can hold")
        }
        if let shortfall = firstNegativeBalance(after: change, on: state) {
            return Rejection(.insufficientFunds, shortfall)
        }
        Projector.apply(change, to: &state)
        return nil
    }

    /// Describes the first balance the change would take below zero.
    private static func firstNegativeBalance(after change: ProjectedChange, on state: BudgetState) -> String? {
        for index in state.pots.indices {
            let pot = change.figures(ofPot: index, in: state)
            guard !pot.isNonNegative else { continue }
            let old = state.pots[index].figures
            let measures: [(String, Money, Money)] = [
                ("allocated", pot.allocated, old.allocated), ("committed", pot.committed, old.committed),
                ("transferred", pot.transferred, old.transferred), ("spent", pot.spent, old.spent),
                ("recovered", pot.recovered, old.recovered), ("held", pot.held, old.held),
                ("available", pot.available, old.available), ("remaining", pot.remaining, old.remaining),
            ]
            if let (name, after, before) = measures.first(where: { $0.1.pence < 0 && ($0.0 != "held" || pot.pot.isHeldElsewhere) }) {
                return "not enough money: \(name) of the \(pot.pot.rawValue) pot is \(before) and would become \(after)"
            }
        }
        return nil
    }
}
