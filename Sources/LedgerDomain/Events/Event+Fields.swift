extension Event {
    /// Builds the event from validated fields and checks the rules that span fields.
    init(kind: EventKind, values: FieldValues) throws {
        let body: EventBody
        switch kind {
        case .budgetOpened:
            let model = values.holdingModel!
            if model != .mixed, values.pots != nil {
                throw Rejection(.invalidField, "\"pots\" is only for a mixed budget")
            }
            let start = values.periodStart!, end = values.periodEnd!
            guard start <= end else {
                throw Rejection(.invalidField, "\"period_start\" \(start) is after \"period_end\" \(end)")
            }
            body = .budgetOpened(BudgetOpening(person: values.person!, holdingModel: model, pots: values.pots,
                                               periodStart: start, periodEnd: end, cohort: values.cohort))
        case .allocation:
            body = .allocation(pot: values.pot, amount: values.amount!, direction: values.direction)
        case .notionalCommitment:
            body = .notionalCommitment(commitment: values.commitment!, provider: values.provider!,
                                       category: values.category!, amount: values.amount!, line: values.line)
        case .commitmentRelease:
            body = .commitmentRelease(commitment: values.commitment!, amount: values.amount)
        case .thirdPartyTransfer:
            body = .thirdPartyTransfer(organisation: values.organisation!, amount: values.amount!)
        case .directPaymentTransfer:
            body = .directPaymentTransfer(amount: values.amount!)
        case .payment:
            let pot = values.pot
            if values.commitment != nil, let pot, pot != .notional {
                throw Rejection(.invalidField, "a payment against a commitment is a notional payment; \"pot\" may not be \(pot.rawValue)")
            }
            body = .payment(Payment(pot: pot, payee: values.payee!, category: values.category!,
                                    amount: values.amount!, commitment: values.commitment,
                                    reference: values.reference, line: values.line))
        case .recovery:
            let pot = values.pot
            if pot == .notional { throw Rejection(.invalidField, "a recovery is from a third_party or direct_payment pot") }
            body = .recovery(pot: pot, amount: values.amount!, reason: values.reason!, repayment: values.repayment)
        case .reconciliation:
            let pot = values.pot
            if pot == .notional { throw Rejection(.invalidField, "a reconciliation is of a third_party or direct_payment pot") }
            let end = values.periodEnd!
            if let start = values.periodStart, start > end {
                throw Rejection(.invalidField, "\"period_start\" \(start) is after \"period_end\" \(end)")
            }
            // SPEC 4.4: a statement period has ended when it is recorded.
            if end > values.date! {
                throw Rejection(.invalidField, "\"period_end\" \(end) is after the reconciliation's own date \(values.date!): a statement period must have ended when it is recorded")
            }
            body = .reconciliation(pot: pot, periodEnd: end, statementBalance: values.statementBalance!,
                                   periodStart: values.periodStart, matched: values.matched)
        case .reversal:
            body = .reversal(reverses: values.reverses!, reason: values.reason!)
        case .budgetClosed:
            body = .budgetClosed
        case .planLine, .scheduleSet, .scheduleEnded, .review, .repaymentRequested, .repaymentWaived:
            body = try Self.carePlanBody(kind, values)
        }
        self.init(id: values.id!, budget: values.budget!, date: values.date!,
                  actor: values.actor, note: values.note, body: body)
    }
}

extension Event {
    /// SPEC 9's bodies, with the rules that span their fields.
    private static func carePlanBody(_ kind: EventKind, _ values: FieldValues) throws -> EventBody {
        let date = values.date!
        switch kind {
        case .planLine:
            return .planLine(PlanLineEntry(line: values.line!, pot: values.pot, category: values.category!, amount: values.amount!,
                                           description: values.description, funding: values.funding))
        case .scheduleSet:
            let kind = values.scheduleKind!, first = values.first!
            if kind == .directPaymentTransfer, values.organisation != nil {
                throw Rejection(.invalidField, "\"organisation\" is only for a third_party_transfer schedule")
            }
            guard first >= date else {
                throw Rejection(.invalidField, "\"first\" \(first) is before the schedule_set's own date \(date)")
            }
            if let last = values.last, last < first {
                throw Rejection(.invalidField, "\"last\" \(last) is before \"first\" \(first)")
            }
            return .scheduleSet(ScheduleSetting(schedule: values.schedule!, kind: kind, amount: values.amount!, every: values.every!,
                                                first: first, last: values.last, organisation: values.organisation))
        case .scheduleEnded:
            return .scheduleEnded(schedule: values.schedule!, last: values.last!)
        case .review:
            let outcome = values.outcome!
            if outcome == .stop, values.nextReview != nil {
                throw Rejection(.invalidField, "a review that stops the budget has no \"next_review\"")
            }
            if let next = values.nextReview, next <= date {
                throw Rejection(.invalidField, "\"next_review\" \(next) must be after the review's date \(date)")
            }
            return .review(outcome: outcome, nextReview: values.nextReview)
        case .repaymentRequested:
            let pot = values.pot
            if pot == .notional { throw Rejection(.invalidField, "a repayment is requested from a third_party or direct_payment pot") }
            let due = values.due!
            guard due >= date else { throw Rejection(.invalidField, "\"due\" \(due) is before the request's own date \(date)") }
            return .repaymentRequested(RepaymentRequestEntry(repayment: values.repayment!, pot: pot, amount: values.amount!,
                                                             grounds: values.grounds!, due: due))
        case .repaymentWaived:
            return .repaymentWaived(repayment: values.repayment!, amount: values.amount, reason: values.reason!)
        case .budgetOpened, .allocation, .notionalCommitment, .commitmentRelease, .thirdPartyTransfer, .directPaymentTransfer,
             .payment, .recovery, .reconciliation, .reversal, .budgetClosed:
            preconditionFailure("\(kind.rawValue) is not a care-plan kind")
        }
    }
}
