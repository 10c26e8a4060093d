/// What reconciling one pot needs from the ledger, read from the budget's events in `seq` order:
/// the movements a statement can show and the reconciliations already recorded.
public struct PotHistory: Equatable, Sendable {
    /// A `reconciliation` event of the pot, as it was posted.
    public struct Recorded: Equatable, Sendable {
        public let seq: UInt64
        public let id: String
        public let periodEnd: CalendarDate
        public let statementBalance: Money
        /// SPEC 7.2: the movements it names as seen on its statement; nil when it has no such field.
        public let matched: [String]?

        public init(seq: UInt64, id: String = "", periodEnd: CalendarDate, statementBalance: Money, matched: [String]? = nil) {
            self.seq = seq
            self.id = id
            self.periodEnd = periodEnd
            self.statementBalance = statementBalance
            self.matched = matched
        }

        /// SPEC 7.2: a reconciliation clears the movements its `matched` names or, without that
        /// field, every movement dated on or before its `period_end`.
        public func clears(_ movement: PotMovement) -> Bool {
            matched.map { $0.contains(movement.id) } ?? (movement.date <= periodEnd)
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
            case .reconciliation(_, let periodEnd, let statementBalance, _, let matched) where state.pot(for: event.body) == pot:
                reconciliations.append(Recorded(seq: seq, id: event.id, periodEnd: periodEnd, statementBalance: statementBalance, matched: matched))
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

    /// SPEC 7.2: the movements a statement for `period` is matched against: those dated in the
    /// period, then the outstanding ones dated before it; in both, only movements no
    /// reconciliation other than `reconciliationID` (the one the statement would post) cleared,
    /// so that the same statement always gives the same event. In `seq` order.
    public func offered(for period: StatementPeriod, reconciliationID: String) -> (inPeriod: [PotMovement], outstanding: [PotMovement]) {
        let others = reconciliations.filter { $0.id != reconciliationID }
        let named = Set(others.lazy.compactMap(\.matched).joined())
        // Without `matched`, a reconciliation clears by date: the latest such period_end decides.
        let clearedThrough = others.filter { $0.matched == nil }.map(\.periodEnd).max()
        var inPeriod: [PotMovement] = [], outstanding: [PotMovement] = []
        for movement in movements {
            if named.contains(movement.id) || clearedThrough.map({ movement.date <= $0 }) ?? false { continue }
            if period.contains(movement.date) {
                inPeriod.append(movement)
            } else if movement.date < period.start {
                outstanding.append(movement)
            }
        }
        return (inPeriod, outstanding)
    }

    /// The pot's outstanding items as the books stand (for `report`): movements dated on or
    /// before its latest `period_end` that no reconciliation cleared.
    public var outstanding: [PotMovement] {
        guard let latest = reconciliations.map(\.periodEnd).max() else { return [] }
        return movements.filter { movement in movement.date <= latest && !reconciliations.contains { $0.clears(movement) } }
    }
}
