/// Why a statement cannot be reconciled against a pot: a value a caller can act on, not a crash
/// (a server reconciles statements it was sent).
public enum ReconciliationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Notional money is not held anywhere a statement could show.
    case potNotHeldElsewhere(Pot)
    /// The budget has no such pot; `pots` are the ones it has.
    case potNotInBudget(budget: String, pot: Pot, pots: [Pot])
    /// A statement period whose first day is after its last.
    case periodStartsAfterEnd(start: CalendarDate, end: CalendarDate)

    public var description: String {
        switch self {
        case .potNotHeldElsewhere(let pot):
            return "\(pot.rawValue) money is not held on a statement: reconcile a third_party or direct_payment pot"
        case .potNotInBudget(let budget, let pot, let pots):
            return "budget \"\(budget)\" has no \(pot.rawValue) pot (its pots: \(pots.map(\.rawValue).joined(separator: ", ")))"
        case .periodStartsAfterEnd(let start, let end):
            return "the period starts on \(start), after its end \(end)"
        }
    }
}
