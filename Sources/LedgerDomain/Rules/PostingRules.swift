/// The rules of SPEC 4, checked in its order: each step is an early return, so the first rule
/// an event breaks is the one reported, and nothing is changed until every rule has passed.
///
/// `post(_:recordedEvent:…)` is the one posting path: the store calls it inside its write
/// transaction for every line and typed event, and `evaluate(line:in:)` (the in-memory ledgers
/// of the tests) calls it over a read-only lookup. The ledger's part is given as non-escaping
/// closures, so the store answers from its transaction with no allocation per event.
public enum PostingRules {
    /// What posting one decoded line did.
    public enum Verdict: Equatable, Sendable {
        /// For a reversal, the seq of the event it undoes, which is now marked reversed.
        case accepted(reversedSeq: UInt64?)
        /// The same event is already recorded (SPEC 4.2): a success that changes nothing.
        case duplicate(seq: UInt64)
        case rejected(Rejection)
    }

    /// Posts one decoded line in SPEC 4.1's order: its id first (SPEC 4.2: a recorded id makes
    /// it a duplicate or an `id_conflict` whatever else is wrong), then its shape (decided when
    /// it was decoded), then the rules of its budget, applied to the projection in place.
    ///
    /// - Parameters:
    ///   - recordedEvent: the event recorded under an id, if any: the line's own (the store
    ///     records it only once the event is accepted), a reversal's target, a matched payment.
    ///   - reconciledEventIDs: the ids the budget's recorded reconciliations name in `matched`,
    ///     by the `pot` they name (nil: not named, a single-pot budget's); asked only for a
    ///     reconciliation whose `matched` names something (SPEC 7.2).
    ///   - updateBudget: runs its closure on the named budget's projection in place (nil: no
    ///     such budget yet); the closure leaves it as it was unless the event is accepted.
    ///
    /// Inlinable, so that the store's closures are inlined into it: it runs for every event.
    @inlinable
    public static func post(
        _ line: DecodedEvent,
        recordedEvent: (String) throws -> RecordedEvent?,
        reconciledEventIDs: (String) throws -> [Pot?: Set<String>],
        updateBudget: (String, (inout BudgetState?) -> Verdict) throws -> Verdict
    ) throws -> Verdict {
        let event: Event
        switch line {
        case .malformed(let id, let rejection):
            // An id that breaks the identifier rule cannot be recorded, so it is not looked up.
            if let id, EventDecoder.isIdentifier(id), let existing = try recordedEvent(id) {
                return repeatedIdentifier(id, decoded: line, existing: existing)
            }
            return .rejected(rejection)
        case .event(let decoded):
            event = decoded
        }
        if let existing = try recordedEvent(event.id) {
            return repeatedIdentifier(event.id, decoded: line, existing: existing)
        }
        // A reversal's target is found before the projection is opened for change. The event's
        // own id is not recorded yet: it names nothing earlier.
        var target: RecordedEvent?
        if case .reversal(let reverses, _) = event.body, reverses != event.id,
           let found = try recordedEvent(reverses), found.event.budget == event.budget {
            target = found
        }
        // So are the events a reconciliation's `matched` names, and those already named (SPEC 7.2).
        var matched: MatchedReferences?
        if case .reconciliation(_, _, _, _, let ids?) = event.body, !ids.isEmpty {
            matched = MatchedReferences(targets: try ids.map { $0 == event.id ? nil : try recordedEvent($0) },
                                        earlier: try reconciledEventIDs(event.budget))
        }
        return try updateBudget(event.budget) { state in apply(event, to: &state, target: target, matched: matched) }
    }

    /// SPEC 4.2: a line whose `id` is recorded already is a duplicate when it decodes to the same
    /// event, and an `id_conflict` otherwise.
    @usableFromInline
    static func repeatedIdentifier(_ id: String, decoded: DecodedEvent, existing: RecordedEvent) -> Verdict {
        if case .event(let event) = decoded, event == existing.event { return .duplicate(seq: existing.seq) }
        return .rejected(Rejection(.idConflict, "an event with id \"\(id)\" is already recorded (seq \(existing.seq)) with different content"))
    }

    /// Evaluates one line of a JSON Lines file against a read-only ledger, through `post`:
    /// what posting it would do, with the budget's projection after it when it is accepted.
    public static func evaluate(line: [UInt8], in ledger: some LedgerLookup) throws -> PostingOutcome {
        let decoded = DecodedEvent.decode(line)
        var changed: BudgetState?
        let verdict = try post(decoded, recordedEvent: { try ledger.recordedEvent(id: $0) },
                               reconciledEventIDs: { try ledger.reconciledEventIDs(budget: $0) },
                               updateBudget: { budget, body in
                                   var state = try ledger.budgetState(budget)
                                   defer { changed = state }
                                   return body(&state)
                               })
        switch verdict {
        case .duplicate(let seq): return .duplicate(seq: seq)
        case .rejected(let rejection): return .rejected(rejection)
        case .accepted(let reversedSeq):
            guard case .event(let event) = decoded, let changed else { preconditionFailure("an accepted line is an event of a budget") }
            return .accepted(Acceptance(event: event, budgetState: changed, reversedSeq: reversedSeq))
        }
    }

    /// Checks a well-formed event against its budget's projection (`nil`: no such budget yet)
    /// and, when every rule passes, applies it to `state` in place; a rejected event leaves
    /// `state` as it was. `target` is a reversal's target when it is an event of this budget;
    /// `matched`, for a reconciliation naming events, what they are.
    @usableFromInline
    static func apply(_ event: Event, to state: inout BudgetState?, target: RecordedEvent?, matched: MatchedReferences? = nil) -> Verdict {
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
        let verdict = apply(event, toExisting: &current, target: target, matched: matched)
        state = consume current
        return verdict
    }

    private static func apply(_ event: Event, toExisting state: inout BudgetState, target: RecordedEvent?, matched: MatchedReferences?) -> Verdict {
        // In SPEC 4.1's order; plain statements rather than `??`, whose closures would copy `state`.
        if let rejection = openingDateRejection(event, state: state) { return .rejected(rejection) }
        if let rejection = closedBudgetRejection(event, state: state, target: target) { return .rejected(rejection) }
        if let rejection = potRejection(event, state: state) { return .rejected(rejection) }
        if let rejection = categoryRejection(event) { return .rejected(rejection) }
        if let rejection = referenceRejection(event, state: state, target: target) { return .rejected(rejection) }
        if let matched, let rejection = matchedRejection(event, state: state, references: matched) { return .rejected(rejection) }
        if let rejection = fundsRejection(event, applyingTo: &state, target: target) { return .rejected(rejection) }
        return .accepted(reversedSeq: target?.seq)
    }

    private static func openingDateRejection(_ event: Event, state: BudgetState) -> Rejection? {
        guard event.date < state.openedOn else { return nil }
        return Rejection(.dateBeforeOpening, "\(event.kind.rawValue) dated \(event.date) is before budget \"\(state.budget)\" was opened on \(state.openedOn)")
    }

    private static func closedBudgetRejection(_ event: Event, state: BudgetState, target: RecordedEvent?) -> Rejection? {
        guard state.isClosed else { return nil }
        switch event.kind.afterClosing {
        case .accepted:
            return nil
        case .acceptedWhenReversingPaymentOrRecovery:
            // SPEC 4.2: only a reversal *of a payment or recovery* of this budget passes; SPEC 4
            // puts budget_closed before the references, so an unknown target is budget_closed too.
            if let target, target.event.kind == .payment || target.event.kind == .recovery { return nil }
        case .rejected:
            break
        }
        return Rejection(.budgetClosed, "budget \"\(state.budget)\" is closed: only reconciliations, recoveries, commitment releases and reversals of payments or recoveries are accepted")
    }

    private static func potRejection(_ event: Event, state: BudgetState) -> Rejection? {
        let rule = event.kind.potRule
        if case .none = rule { return nil }
        guard let pot = state.pot(for: event.body) else {
            return Rejection(.missingField, "budget \"\(state.budget)\" is mixed: a \(event.kind.rawValue) must name its \"pot\"")
        }
        if case .namedHolder = rule, pot == .notional {
            return Rejection(.potNotInBudget, "budget \"\(state.budget)\" has no third_party or direct_payment pot for a \(event.kind.rawValue)")
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
        case .notionalCommitment(_, _, let named, _, _): category = named
        case .planLine(let entry): category = entry.category
        case .budgetOpened, .allocation, .commitmentRelease, .thirdPartyTransfer, .directPaymentTransfer, .recovery,
             .reconciliation, .reversal, .budgetClosed, .scheduleSet, .scheduleEnded, .review, .repaymentRequested, .repaymentWaived:
            return nil
        }
        guard ExcludedCategories.isExcluded(category) else { return nil }
        return Rejection(.excludedCategory, "\"\(category)\" may never be bought with a personal health budget")
    }

    private static func referenceRejection(_ event: Event, state: BudgetState, target: RecordedEvent?) -> Rejection? {
        switch event.body {
        case .notionalCommitment(let commitment, _, _, _, _):
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
        case .budgetOpened, .allocation, .thirdPartyTransfer, .directPaymentTransfer, .recovery, .reconciliation, .budgetClosed,
             .planLine, .scheduleSet, .scheduleEnded, .review, .repaymentRequested, .repaymentWaived:
            break
        }
        // SPEC 9's references, its rules on the ledger's state, then payments_stopped.
        return CarePlanRules.rejection(event, state: state)
    }

    /// SPEC 7.2, at the references stage: every id a reconciliation's `matched` names is a
    /// payment, recovery or transfer of its pot (`unknown_event`, all checked first), named once
    /// in the array and by no earlier reconciliation of the pot (`already_reconciled`).
    private static func matchedRejection(_ event: Event, state: BudgetState, references: MatchedReferences) -> Rejection? {
        guard case .reconciliation(_, _, _, _, let ids?) = event.body, let pot = state.pot(for: event.body) else {
            preconditionFailure("matched references are gathered for a reconciliation whose pot the pot stage resolved")
        }
        assert(ids.count == references.targets.count, "one lookup per id")
        for (id, target) in zip(ids, references.targets) {
            guard let target, target.event.budget == event.budget, target.event.kind.isStatementMovement,
                  state.pot(for: target.event.body) == pot else {
                return Rejection(.unknownEvent, "\"matched\" names \"\(id)\", which is not a payment, recovery or transfer of the \(pot.rawValue) pot of budget \"\(state.budget)\"")
            }
        }
        let earlier = (references.earlier[pot] ?? []).union(references.earlier[nil] ?? [])
        var seen = Set<String>()
        for id in ids {
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
        if let rejection = CarePlanRules.outstandingRejection(event, state: state) { return rejection }
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
        case .budgetOpened, .allocation, .notionalCommitment, .thirdPartyTransfer, .directPaymentTransfer, .recovery,
             .reconciliation, .reversal, .planLine, .scheduleSet, .scheduleEnded, .review, .repaymentRequested, .repaymentWaived:
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

/// What a reconciliation's `matched` refers to, looked up before its budget's projection is
/// opened for change (SPEC 7.2).
@usableFromInline
struct MatchedReferences {
    /// The event each id names, in the array's order; nil where there is none.
    @usableFromInline let targets: [RecordedEvent?]
    /// The ids the budget's recorded reconciliations name, by the pot they name.
    @usableFromInline let earlier: [Pot?: Set<String>]

    @usableFromInline
    init(targets: [RecordedEvent?], earlier: [Pot?: Set<String>]) {
        self.targets = targets
        self.earlier = earlier
    }
}
