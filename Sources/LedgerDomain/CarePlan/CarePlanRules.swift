/// SPEC 9's rules that need the ledger's state, in its order: they run where SPEC 4.1's
/// references run, after them, and `payments_stopped` last; the outstanding-amount rules of
/// repayments run with the funds rules.
enum CarePlanRules {
    /// `unknown_line`, `unknown_schedule`, `unknown_repayment`; then the `invalid_field` rules on
    /// existing lines, schedules, requests and commitments; then `payments_stopped`.
    static func rejection(_ event: Event, state: BudgetState) -> Rejection? {
        let plan = state.carePlan
        let budget = state.budget
        // The pot rules have passed, so the event's pot is one of the budget's.
        let pot = state.pot(for: event.body)
        switch event.body {
        case .payment(let payment):
            if let line = payment.line, !plan.hasOpenLine(named: line, in: pot ?? .notional) {
                return unknownLine(line, pot, budget)
            }
            // A payment against a commitment belongs to the commitment's line.
            if let line = payment.line, let commitment = payment.commitment, plan.commitmentLines[commitment] != line {
                let owner = plan.commitmentLines[commitment].map { "line \"\($0)\"" } ?? "no plan line"
                return Rejection(.invalidField, "commitment \"\(commitment)\" belongs to \(owner): a payment against it may not name line \"\(line)\"")
            }
        case .notionalCommitment(_, _, _, _, let line?):
            if !plan.hasOpenLine(named: line, in: .notional) { return unknownLine(line, .notional, budget) }
        case .scheduleEnded(let schedule, _):
            if plan.schedules[schedule] == nil {
                return Rejection(.unknownSchedule, "budget \"\(budget)\" has no schedule \"\(schedule)\"")
            }
        case .repaymentWaived(let repayment, _, _):
            if plan.requests[repayment] == nil { return unknownRepayment(repayment, nil, budget) }
        case .recovery(_, _, _, let repayment?):
            if plan.requests[repayment]?.pot != pot { return unknownRepayment(repayment, pot, budget) }
        case .planLine(let entry):
            if let existing = plan.line(named: entry.line), existing.pot != pot {
                return Rejection(.invalidField, "plan line \"\(entry.line)\" is in the \(existing.pot.rawValue) pot: a line may not move to another pot")
            }
        case .scheduleSet(let setting):
            if let existing = plan.schedules[setting.schedule] {
                if existing.kind != setting.kind || existing.organisation != setting.organisation {
                    return Rejection(.invalidField, "schedule \"\(setting.schedule)\" keeps its kind and organisation")
                }
                let previous = existing.segments[existing.segments.count - 1].first
                if setting.first <= previous {
                    return Rejection(.invalidField, "schedule \"\(setting.schedule)\" was last set from \(previous): a later schedule_set must start after it")
                }
            }
        case .repaymentRequested(let entry):
            if plan.requests[entry.repayment] != nil {
                return Rejection(.invalidField, "repayment \"\(entry.repayment)\" was already requested in budget \"\(budget)\"")
            }
        case .directPaymentTransfer:
            if plan.paymentsStopped(on: event.date) {
                let review = plan.latestReview(onOrBefore: event.date)!
                return Rejection(.paymentsStopped, "direct payments of budget \"\(budget)\" are stopped on \(event.date): the review of \(review.date) was \(review.outcome.rawValue)")
            }
        case .notionalCommitment, .recovery, .budgetOpened, .allocation, .commitmentRelease, .thirdPartyTransfer,
             .reconciliation, .reversal, .budgetClosed, .review:
            break
        }
        return nil
    }

    /// SPEC 9: a recovery settling a request may not exceed what is outstanding; a waiver needs
    /// something outstanding and may not exceed it.
    static func outstandingRejection(_ event: Event, state: BudgetState) -> Rejection? {
        let repayment: String, amount: Money?
        switch event.body {
        case .recovery(_, let recovered, _, let named?): (repayment, amount) = (named, recovered)
        case .repaymentWaived(let named, let waived, _): (repayment, amount) = (named, waived)
        case .recovery, .budgetOpened, .allocation, .notionalCommitment, .commitmentRelease, .thirdPartyTransfer,
             .directPaymentTransfer, .payment, .reconciliation, .reversal, .budgetClosed,
             .planLine, .scheduleSet, .scheduleEnded, .review, .repaymentRequested:
            return nil
        }
        let outstanding = state.carePlan.requests[repayment]?.outstanding ?? .zero
        if outstanding <= .zero {
            return Rejection(.insufficientFunds, "repayment \"\(repayment)\" has nothing outstanding")
        }
        if let amount, amount > outstanding {
            return Rejection(.insufficientFunds, "repayment \"\(repayment)\" has \(outstanding) outstanding; \(amount) is more")
        }
        return nil
    }

    private static func unknownLine(_ line: String, _ pot: Pot?, _ budget: String) -> Rejection {
        Rejection(.unknownLine, "budget \"\(budget)\" has no open plan line \"\(line)\" in its \(pot?.rawValue ?? "notional") pot")
    }

    private static func unknownRepayment(_ repayment: String, _ pot: Pot?, _ budget: String) -> Rejection {
        Rejection(.unknownRepayment, "budget \"\(budget)\" has no repayment request \"\(repayment)\"" + (pot.map { " for its \($0.rawValue) pot" } ?? ""))
    }
}
