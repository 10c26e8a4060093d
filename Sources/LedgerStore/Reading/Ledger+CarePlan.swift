import LMDB
import LedgerDomain

extension Ledger {
    /// Every budget's care plan in the view, ordered by budget id in byte order (in the current
    /// view from the stored heads, which hold the care plan).
    public func carePlanBudgets(view: ViewFilter = ViewFilter()) throws -> [CarePlanBudget] {
        try snapshot { try $0.allBudgetBalances(view: view) }.map(CarePlanBudget.init(state:))
    }

    /// One budget's care plan in the view; nil when the budget does not exist in it.
    public func carePlanBudget(_ budget: String, view: ViewFilter = ViewFilter()) throws -> CarePlanBudget? {
        try budgetBalances(budget, view: view).map(CarePlanBudget.init(state:))
    }
}

extension Ledger {
    /// `plan BUDGET` in a view: the budget's care plan and the money put against its lines,
    /// folded from its events. Nil when the budget does not exist in the view.
    public func planSpending(_ budget: String, view: ViewFilter = ViewFilter()) throws -> (budget: CarePlanBudget, spending: PlanSpending)? {
        try read { txn in
            var fold = BudgetFold(filter: view)
            var spending = PlanSpending()
            try forEachEvent(ofBudget: budget, in: txn) { stored, resolve in
                let event = stored.event
                let open = try Self.commitmentNamed(by: event, resolve: resolve).map { (id: $0, before: fold.state?.commitments[$0]) }
                guard try fold.apply(event, stored.envelope, target: resolve), let state = fold.state else { return true }
                if let open, case .notionalCommitment = event.body {
                    try spending.commit(open.id, line: Self.line(of: event.body), amount: event.body.amount ?? .zero, in: state.carePlan)
                } else if let open, let after = state.commitments[open.id], let delta = after.subtracting(open.before ?? .zero) {
                    try spending.changeOpenAmount(of: open.id, by: delta)
                }
                switch event.body {
                case .payment(let payment):
                    try spending.pay(pot: state.pot(for: event.body) ?? .notional, category: payment.category, amount: payment.amount,
                                     line: payment.line, commitment: payment.commitment, sign: 1, in: state.carePlan)
                case .reversal(let reverses, _):
                    if let (original, _) = try resolve(reverses), case .payment(let payment) = original.body {
                        try spending.pay(pot: state.pot(for: original.body) ?? .notional, category: payment.category,
                                         amount: payment.amount, line: payment.line, commitment: payment.commitment, sign: -1,
                                         in: state.carePlan)
                    }
                default:
                    break
                }
                return true
            }
            guard let state = fold.state else { return nil }
            return (CarePlanBudget(state: state), spending)
        }
    }

    /// The commitment whose open amount an event may change: its own, a release's, a payment's,
    /// or, for a reversal, the reversed payment's.
    private static func commitmentNamed(by event: Event, resolve: (String) throws -> (Event, Envelope)?) throws -> String? {
        switch event.body {
        case .notionalCommitment(let commitment, _, _, _, _), .commitmentRelease(let commitment, _): return commitment
        case .payment(let payment): return payment.commitment
        case .reversal(let reverses, _):
            guard let (original, _) = try resolve(reverses), case .payment(let payment) = original.body else { return nil }
            return payment.commitment
        default: return nil
        }
    }

    private static func line(of body: EventBody) -> String? {
        if case .notionalCommitment(_, _, _, _, let line) = body { return line }
        return nil
    }
}
