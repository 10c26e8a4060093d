/// Rebuilds one budget's projection from its events in `seq` order, counting only what a view
/// includes. The same fold serves `replay`, `verify` and every as-of report, so a view and the
/// stored projection cannot drift apart.
public struct BudgetFold: Sendable {
    public let filter: ViewFilter
    public private(set) var state: BudgetState?
    /// The budget with every event so far counted, kept only for views that leave some out:
    /// see `Projector.apply(_:to:reversed:recorded:)`.
    private var recorded: BudgetState?

    public init(filter: ViewFilter = ViewFilter()) { self.filter = filter }

    /// Applies `event` if the view counts it. `target` finds the event a reversal undoes, with its
    /// envelope: a reversal counts only if the event it reverses counts too.
    /// - Returns: whether the event counted.
    @discardableResult
    public mutating func apply(_ event: Event, _ envelope: Envelope,
                               target: (String) throws -> (Event, Envelope)?) throws -> Bool {
        let recordedBefore = recorded
        if !filter.isEverything { try record(event, target: target) }
        guard filter.includes(event, envelope) else { return false }
        if case .budgetOpened = event.body {
            state = Projector.open(event)
            return true
        }
        guard var current = state else { return false }
        var reversed: Event?
        if case .reversal(let reverses, _) = event.body {
            guard let (original, originalEnvelope) = try target(reverses), filter.includes(original, originalEnvelope) else {
                return false
            }
            reversed = original
        }
        try Projector.apply(event, to: &current, reversed: reversed, recorded: recordedBefore)
        state = current
        return true
    }

    private mutating func record(_ event: Event, target: (String) throws -> (Event, Envelope)?) throws {
        if case .budgetOpened = event.body {
            recorded = Projector.open(event)
            return
        }
        guard var budget = recorded else { return }
        var reversed: Event?
        if case .reversal(let reverses, _) = event.body {
            guard let (original, _) = try target(reverses) else { return }
            reversed = original
        }
        try Projector.apply(event, to: &budget, reversed: reversed)
        recorded = budget
    }
}
