/// What the rules need to know of the ledger as it stands. The store answers from LMDB inside
/// its write transaction (so earlier events of the same batch are seen); tests answer from memory.
public protocol LedgerLookup {
    func budgetState(_ budget: String) throws -> BudgetState?
    func recordedEvent(id: String) throws -> RecordedEvent?
    /// The ids the budget's recorded reconciliations name in `matched` (SPEC 7.2), by the pot
    /// each names (nil: none named, a single-pot budget's).
    func reconciledEventIDs(budget: String) throws -> [Pot?: Set<String>]
}

/// An event already in the ledger, as the rules see it.
public struct RecordedEvent: Equatable, Sendable {
    public let seq: UInt64
    public let event: Event
    public let isReversed: Bool

    public init(seq: UInt64, event: Event, isReversed: Bool) {
        self.seq = seq
        self.event = event
        self.isReversed = isReversed
    }
}
