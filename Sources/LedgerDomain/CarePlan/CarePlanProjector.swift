/// What an event does to a budget's care plan (SPEC 9), worked out without changing the
/// budget: `Projector` applies it with the rest of the event's change. No rule is checked here:
/// the posting rules check first, and views show history as it was.
enum CarePlanProjector {
    /// The care plan after one of SPEC 9's own kinds.
    /// - Parameter recorded: the budget as recorded just before the event, when `state` is a
    ///   view: a waiver without an amount waives what was outstanding when it was posted.
    static func project(_ event: Event, on state: BudgetState, recorded: BudgetState?) throws(ProjectionError) -> CarePlanState {
        var plan = state.carePlan
        switch event.body {
        case .planLine(let entry):
            // The rules have resolved the pot; a view holds the line's first pot already.
            let pot = plan.line(named: entry.line)?.pot ?? state.pot(for: event.body) ?? .notional
            plan.setLine(name: entry.line, pot: pot, category: entry.category, funding: entry.funding ?? .nhs, planned: entry.amount)
        case .scheduleSet(let setting):
            plan.setSchedule(name: setting.schedule, kind: setting.kind, organisation: setting.organisation,
                             segment: Schedule.Segment(first: setting.first, amount: setting.amount, every: setting.every,
                                                       last: setting.last))
        case .scheduleEnded(let schedule, let last):
            plan.endSchedule(name: schedule, last: last)
        case .review(let outcome, let nextReview):
            plan.review(ReviewRecord(date: event.date, outcome: outcome, nextReview: nextReview))
        case .repaymentRequested(let entry):
            let pot = state.pot(for: event.body) ?? .directPayment
            plan.request(RepaymentRequest(name: entry.repayment, pot: pot, grounds: entry.grounds, requested: entry.amount,
                                          due: entry.due))
        case .repaymentWaived(let repayment, let amount, _):
            let asPosted = recorded?.carePlan ?? state.carePlan
            let waived = amount ?? asPosted.requests[repayment]?.outstanding ?? .zero
            try plan.waive(repayment: repayment, amount: waived)
        case .budgetOpened, .allocation, .notionalCommitment, .commitmentRelease, .thirdPartyTransfer, .directPaymentTransfer,
             .payment, .recovery, .reconciliation, .reversal, .budgetClosed:
            preconditionFailure("\(event.kind.rawValue) is not a care-plan kind")
        }
        return plan
    }

    /// The care plan after a money event (`sign` 1) or its reversal (−1), when it changes it:
    /// a commitment naming a plan line, a recovery settling a repayment request. Nil otherwise,
    /// so that most events never copy the care plan.
    static func moneyChange(_ event: Event, sign: Int64, on state: BudgetState) throws(ProjectionError) -> CarePlanState? {
        switch event.body {
        case .notionalCommitment(let commitment, _, _, _, let line?) where sign > 0:
            var plan = state.carePlan
            plan.commit(commitment, line: line)
            return plan
        case .recovery(_, let amount, _, let repayment?):
            var plan = state.carePlan
            try plan.recover(repayment: repayment, amount: amount, sign: sign)
            return plan
        case .notionalCommitment, .recovery, .budgetOpened, .allocation, .commitmentRelease, .thirdPartyTransfer,
             .directPaymentTransfer, .payment, .reconciliation, .reversal, .budgetClosed,
             .planLine, .scheduleSet, .scheduleEnded, .review, .repaymentRequested, .repaymentWaived:
            return nil
        }
    }
}
