/// A recorded event that a statement row can match (SPEC 7): a non-reversed payment or
/// recovery of the pot (money out of the holder's account) or a transfer into it (money in).
public struct PotMovement: Equatable, Sendable {
    public let seq: UInt64
    public let id: String
    public let kind: EventKind
    public let date: CalendarDate
    /// Positive, as the event carries it.
    public let amount: Money
    /// The payment's `reference`, the only event field a bank can echo back.
    public let reference: String?
    /// Who the money went to or came from, or why: for a person following a row up.
    public let counterparty: String

    public init(seq: UInt64, id: String, kind: EventKind, date: CalendarDate, amount: Money, reference: String?, counterparty: String) {
        assert(amount.pence > 0, "an event's amount is positive")
        self.seq = seq
        self.id = id
        self.kind = kind
        self.date = date
        self.amount = amount
        self.reference = reference
        self.counterparty = counterparty
    }

    /// Transfers put money into the holder's account.
    public var isInflow: Bool { kind == .thirdPartyTransfer || kind == .directPaymentTransfer }

    /// The amount as the holder's statement shows it: out negative, in positive.
    public var statementAmount: Money { isInflow ? amount : Money(pence: -amount.pence) }

    /// The movement an event is, for `pot`; nil for events that move no money through the
    /// holder's account or belong to another pot.
    public init?(_ event: Event, seq: UInt64, pot: Pot, in state: BudgetState) {
        guard state.pot(for: event.body) == pot else { return nil }
        switch event.body {
        case .payment(let payment):
            self.init(seq: seq, id: event.id, kind: event.kind, date: event.date, amount: payment.amount,
                      reference: payment.reference, counterparty: payment.payee)
        case .recovery(_, let amount, let reason, _):
            self.init(seq: seq, id: event.id, kind: event.kind, date: event.date, amount: amount, reference: nil, counterparty: reason)
        case .thirdPartyTransfer(let organisation, let amount):
            self.init(seq: seq, id: event.id, kind: event.kind, date: event.date, amount: amount, reference: nil, counterparty: organisation)
        case .directPaymentTransfer(let amount):
            self.init(seq: seq, id: event.id, kind: event.kind, date: event.date, amount: amount, reference: nil, counterparty: "direct payment")
        default:
            return nil
        }
    }
}

extension EventKind {
    /// The kinds a statement row can show, and a reconciliation's `matched` may name (SPEC 7.2).
    public var isStatementMovement: Bool {
        self == .payment || self == .recovery || self == .thirdPartyTransfer || self == .directPaymentTransfer
    }
}
