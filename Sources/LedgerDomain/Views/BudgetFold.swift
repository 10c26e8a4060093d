/// Rebuilds one budget's projection from its events in `seq` order, counting only what a view
/// includes. The same fold serves `replay`, `verify` and every as-of report, so a view and the
/// stored projection cannot drift apart.
public struct BudgetFold: Sendable {
    public let filter: ViewFilter
    public private(set) var state: BudgetState?
    /// The budget with every event so far counted, kept only for views that leave some out:
    /// see `Projector.apply(_:to:reversed:recorded:)`. It is advanced after the view, so that
    /// the view reads it as it stood before the event without copying it.
    private var recorded: BudgetState?

    public init(filter: ViewFilter = ViewFilter()) { self.filter = filter }

    /// Applies `event` if the view counts it. `target` finds the event a reversal undoes, with its
    /// envelope: a reversal counts only if the event it reverses counts too.
    /// - Returns: whether the event counted.
    @discardableResult
    public mutating func apply(_ event: Event, _ envelope: Envelope,
                               target: (String) throws -> (Event, Envelope)?) throws -> Bool {
        let counted = try applyToView(event, envelope, target: target)
        if !filter.isEverything { try record(event, target: target) }
        return counted
    }

    private mutating func applyToView(_ event: Event, _ envelope: Envelope,
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
        try Projector.apply(event, to: &state!, reversed: reversed, recorded: filter.isEverything ? nil : recorded)
        return true
    }

    /// The fast path of a fold, for views that do not look at `recorded_at`: an event that moves
    /// money (never a reversal), given as its movement, its `seq` and its date.
    /// - Returns: whether the event counted.
    @discardableResult
    public mutating func apply(_ movement: Movement, seq: UInt64, date: CalendarDate) throws -> Bool {
        var counted = false
        // Moved out and back, so a projection is changed in place and never copied.
        if filter.includes(seq: seq, date: date, recordedAt: nil), var current = state.take() {
            do {
                try Projector.apply(movement, on: date, to: &current, recorded: filter.isEverything ? nil : recorded)
            } catch {
                state = current
                throw error
            }
            state = current
            counted = true
        }
        if !filter.isEverything, var budget = recorded.take() {
            do {
                try Projector.apply(movement, on: date, to: &budget)
            } catch {
                recorded = budget
                throw error
            }
            recorded = budget
        }
        return counted
    }

    private mutating func record(_ event: Event, target: (String) throws -> (Event, Envelope)?) throws {
        if case .budgetOpened = event.body {
            recorded = Projector.open(event)
            return
        }
        guard recorded != nil else { return }
        var reversed: Event?
        if case .reversal(let reverses, _) = event.body {
            guard let (original, _) = try target(reverses) else { return }
            reversed = original
        }
        try Projector.apply(event, to: &recorded!, reversed: reversed)
    }
}
