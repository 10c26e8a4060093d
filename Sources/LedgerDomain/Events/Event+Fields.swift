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
                                               periodStart: start, periodEnd: end))
        case .allocation:
            body = .allocation(pot: values.pot, amount: values.amount!, direction: values.direction)
        case .notionalCommitment:
            body = .notionalCommitment(commitment: values.commitment!, provider: values.provider!,
                                       category: values.category!, amount: values.amount!)
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
                                    reference: values.reference))
        case .recovery:
            let pot = values.pot
            if pot == .notional { throw Rejection(.invalidField, "a recovery is from a third_party or direct_payment pot") }
            body = .recovery(pot: pot, amount: values.amount!, reason: values.reason!)
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
                                   periodStart: values.periodStart)
        case .reversal:
            body = .reversal(reverses: values.reverses!, reason: values.reason!)
        case .budgetClosed:
            body = .budgetClosed
        }
        self.init(id: values.id!, budget: values.budget!, date: values.date!,
                  actor: values.actor, note: values.note, body: body)
    }
}
