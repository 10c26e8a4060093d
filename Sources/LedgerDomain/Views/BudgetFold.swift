/// Rebuilds one budget's projection from its events in `seq` order, counting only what a view
/// includes. The same fold serves `replay`, `verify` and every as-of report, so a view and the
/// stored projection cannot drift apart.
public struct BudgetFold: Sendable {
    public let filter: ViewFilter
    public private(set) var state: BudgetState?

    public init(filter: ViewFilter = ViewFilter()) { self.filter = filter }

    /// Applies `event` if the view counts it. `target` finds the event a reversal undoes, with its
    /// envelope: a reversal counts only if the event it reverses counts too.
    /// - Returns: whether the event counted.
    @discardableResult
    public mutating func apply(_ event: Event, _ envelope: Envelope,
                               target: (String) throws -> (Event, Envelope)?) throws -> Bool {
        guard filter.includes(event, envelope) else { return false }
        if case .budgetOpened = event.body {
            state = Projector.open(event)
            return true
        }
        guard state != nil else { return false }
        var reversed: Event?
        if case .reversal(let reverses, _) = event.body {
            guard let (original, originalEnvelope) = try target(reverses), filter.includes(original, originalEnvelope) else {
                return false
            }
            reversed = original
        }
        // In place: a copy of the state would copy its dated totals on every event.
        try Projector.apply(event, to: &state!, reversed: reversed)
        return true
    }

    /// The fast path of a fold, for views that do not look at `recorded_at`: an event that moves
    /// money (never a reversal), given as its movement, its `seq` and its date.
    /// - Returns: whether the event counted.
    @discardableResult
    public mutating func apply(_ movement: Movement, seq: UInt64, date: CalendarDate) throws -> Bool {
        guard filter.includes(seq: seq, date: date, recordedAt: nil), var current = state.take() else { return false }
        // Moved out and back, so the projection is changed in place and never copied.
        do {
            try Projector.apply(movement, on: date, to: &current)
        } catch {
            state = current
            throw error
        }
        state = current
        return true
    }
}
