/// What reconciling one pot needs from the ledger, read from the budget's events in `seq` order:
/// the movements a statement can show and the reconciliations already recorded.
public struct PotHistory: Equatable, Sendable {
    /// A `reconciliation` event of the pot, as it was posted.
    public struct Recorded: Equatable, Sendable {
        public let seq: UInt64
        public let periodEnd: CalendarDate
        public let statementBalance: Money

        public init(seq: UInt64, periodEnd: CalendarDate, statementBalance: Money) {
            self.seq = seq
            self.periodEnd = periodEnd
            self.statementBalance = statementBalance
        }
    }

    public let pot: Pot
    /// Non-reversed payments, recoveries and transfers of the pot, in `seq` order.
    public let movements: [PotMovement]
    /// In `seq` order.
    public let reconciliations: [Recorded]

    public init(pot: Pot, movements: [PotMovement], reconciliations: [Recorded]) {
        self.pot = pot
        self.movements = movements
        self.reconciliations = reconciliations
    }

    /// - Parameter events: every event of the budget recorded so far, in `seq` order. A movement
    ///   counts unless some reversal recorded so far undoes it, whatever the reversal's date.
    public init(pot: Pot, state: BudgetState, events: [(event: Event, seq: UInt64)]) {
        var reversed = Set<String>()
        var reconciliations: [Recorded] = []
        for (event, seq) in events {
            switch event.body {
            case .reversal(let reverses, _):
                reversed.insert(reverses)
            case .reconciliation(_, let periodEnd, let statementBalance, _) where state.pot(for: event.body) == pot:
                reconciliations.append(Recorded(seq: seq, periodEnd: periodEnd, statementBalance: statementBalance))
            default:
                break
            }
        }
        let movements = events.compactMap { PotMovement($0.event, seq: $0.seq, pot: pot, in: state) }
        self.init(pot: pot, movements: movements.filter { !reversed.contains($0.id) }, reconciliations: reconciliations)
    }

    /// The reconciliation a period starting after it follows: of those whose `period_end` is
    /// before `date`, the one with the latest `period_end`, on a tie the later recorded (SPEC 3).
    public func latestReconciliation(before date: CalendarDate) -> Recorded? {
        var latest: Recorded?
        for recorded in reconciliations where recorded.periodEnd < date {
            if let current = latest, current.periodEnd > recorded.periodEnd { continue }
            latest = recorded
        }
        return latest
    }
}
