/// The rules of SPEC 4, checked in its order: each step is an early return, so the first rule
/// an event breaks is the one reported, and nothing is changed until every rule has passed.
///
/// `post(_:claimIdentifier:…)` is the one posting path: the store calls it inside its write
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
    ///   - claimIdentifier: the event recorded under an id, if any; when there is none, the id
    ///     is claimed for the event being posted (the store indexes it in the same descent).
    ///   - releaseIdentifier: gives back an id claimed for an event the rules then rejected.
    ///   - recordedEvent: an event recorded before this one, by id (nothing is claimed).
    ///   - updateBudget: runs its closure on the named budget's projection in place (nil: no
    ///     such budget yet); the closure leaves it as it was unless the event is accepted.
    ///
    /// Inlinable, so that the store's closures are inlined into it: it runs for every event.
    @inlinable
    public static func post(
        _ line: DecodedEvent,
        claimIdentifier: (String) throws -> RecordedEvent?,
        releaseIdentifier: (String) throws -> Void,
        recordedEvent: (String) throws -> RecordedEvent?,
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
        if let existing = try claimIdentifier(event.id) {
            return repeatedIdentifier(event.id, decoded: line, existing: existing)
        }
        // A reversal's target is found before the projection is opened for change. The event's
        // own id is claimed but not yet recorded: it names nothing earlier.
        var target: RecordedEvent?
        if case .reversal(let reverses, _) = event.body, reverses != event.id,
           let found = try recordedEvent(reverses), found.event.budget == event.budget {
            target = found
        }
        let verdict = try updateBudget(event.budget) { state in apply(event, to: &state, target: target) }
        if case .rejected = verdict { try releaseIdentifier(event.id) }
        return verdict
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
        let verdict = try post(decoded, claimIdentifier: { try ledger.recordedEvent(id: $0) }, releaseIdentifier: { _ in },
                               recordedEvent: { try ledger.recordedEvent(id: $0) },
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
    /// `state` as it was. `target` is a reversal's target when it is an event of this budget.
    @usableFromInline
    static func apply(_ event: Event, to state: inout BudgetState?, target: RecordedEvent?) -> Verdict {
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
        let verdict = apply(event, toExisting: &current, target: target)
        state = consume current
        return verdict
    }

    private static func apply(_ event: Event, toExisting state: inout BudgetState, target: RecordedEvent?) -> Verdict {
        // In SPEC 4.1's order; plain statements rather than `??`, whose closures would copy `state`.
        if let rejection = openingDateRejection(event, state: state) { return .rejected(rejection) }
        if let rejection = closedBudgetRejection(event, state: state, target: target) { return .rejected(rejection) }
        if let rejection = potRejection(event, state: state) { return .rejected(rejection) }
        if let rejection = categoryRejection(event) { return .rejected(rejection) }
        if let rejection = referenceRejection(event, state: state, target: target) { return .rejected(rejection) }
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
