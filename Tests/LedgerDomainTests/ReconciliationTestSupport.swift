import LedgerDomain

/// A budget built event by event with the projector, keeping its events with their seq, as the
/// store would hand them to `PotHistory`. No rules are checked: tests state what they need.
struct ReconciliationBook: ReconciliationTesting {
    private(set) var state: BudgetState
    private(set) var events: [(event: Event, seq: UInt64)] = []

    init(budget: String = "PHB-T", model: HoldingModel = .directPayment, pots: [Pot]? = nil,
         periodStart: String = "2025-04-01", periodEnd: String = "2026-03-31") {
        let start = CalendarDate(iso: periodStart)!, end = CalendarDate(iso: periodEnd)!
        let opening = Event(id: "\(budget)/open", budget: budget, date: start,
                            body: .budgetOpened(BudgetOpening(person: "P-1", holdingModel: model, pots: pots, periodStart: start, periodEnd: end)))
        state = Projector.open(opening)
        events = [(opening, 1)]
    }

    /// Applies the event as the next seq; a reversal finds its target among the earlier events.
    mutating func record(_ id: String, _ date: String, _ body: EventBody) {
        let event = Event(id: id, budget: state.budget, date: day(date), body: body)
        var target: Event?
        if case .reversal(let reverses, _) = body { target = events.first { $0.event.id == reverses }?.event }
        try! Projector.apply(event, to: &state, reversed: target)
        events.append((event, UInt64(events.count + 1)))
    }

    mutating func transfer(_ id: String, _ date: String, _ amount: String, into pot: Pot = .directPayment) {
        record(id, date, pot == .directPayment ? .directPaymentTransfer(amount: money(amount))
                                               : .thirdPartyTransfer(organisation: "ISF Ltd", amount: money(amount)))
    }

    mutating func pay(_ id: String, _ date: String, _ amount: String, pot: Pot? = nil, reference: String? = nil) {
        record(id, date, .payment(Payment(pot: pot, payee: "PA A. Smith", category: "personal_care", amount: money(amount), reference: reference)))
    }

    func history(_ pot: Pot = .directPayment) -> PotHistory { PotHistory(pot: pot, state: state, events: events) }
}

/// Shorthands for the reconciliation tests, scoped to the suites that adopt them so they
/// cannot clash with other test files' helpers.
protocol ReconciliationTesting {}

extension ReconciliationTesting {
    func day(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { preconditionFailure("not a date: \(text)") }
        return date
    }

    func money(_ text: String) -> Money {
        guard let amount = Money(signedAmount: text) else { preconditionFailure("not an amount: \(text)") }
        return amount
    }

    func statement(_ text: String) throws -> Statement { try Statement.parse(Array(text.utf8)) }

    func row(_ line: Int, _ date: String, _ amount: String, reference: String? = nil) -> StatementRow {
        StatementRow(line: line, date: day(date), description: "row \(line)", amount: money(amount), reference: reference)
    }

    func outflow(_ seq: UInt64, _ date: String, _ amount: String, reference: String? = nil) -> PotMovement {
        PotMovement(seq: seq, id: "e\(seq)", kind: .payment, date: day(date), amount: money(amount), reference: reference, counterparty: "payee")
    }
}
