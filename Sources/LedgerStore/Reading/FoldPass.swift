import LMDB
import LedgerDomain

/// One pass over the event log that folds the budgets of one partition (budgets are split by a
/// hash of their id; folds of different budgets are independent, so passes run in parallel).
/// Events that move money are read from their canonical bytes when the view allows
/// (`CanonicalMovementReader`); the rest, a few per budget, are decoded in full.
struct FoldPass {
    let view: ViewFilter
    let partition: Int
    let partitions: Int
    private(set) var table: FoldTable
    /// Reversals seen, in seq order: the seq of each and the id it reverses.
    private(set) var reversals: [(seq: UInt64, reverses: String)] = []

    init(view: ViewFilter, partition: Int = 0, of partitions: Int = 1) {
        self.view = view
        self.partition = partition
        self.partitions = partitions
        table = FoldTable(filter: view)
    }

    /// Folds one stored event (`key` its seq, `value` hash and canonical bytes) if it is this pass's.
    mutating func visit(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, lookup: EventLookup) throws {
        if view.knownAt == nil, value.count > StoredEvent.hashLength {
            let canonical = UnsafeRawBufferPointer(rebasing: value[StoredEvent.hashLength...])
            if partitions > 1, let budget = CanonicalMovementReader.budget(in: canonical),
               !isMine(UnsafeRawBufferPointer(rebasing: canonical[budget])) { return }
            if let reading = CanonicalMovementReader.read(canonical) {
                let index = table.index(of: UnsafeRawBufferPointer(rebasing: canonical[reading.budget]))
                try table[index].apply(reading.movement, seq: ByteReader.seq(key), date: reading.date)
                return
            }
        }
        let stored = try StoredEvent(storedValue: value)
        var budget = stored.event.budget
        guard budget.withUTF8({ isMine(UnsafeRawBufferPointer($0)) }) else { return }
        if case .reversal(let reverses, _) = stored.event.body { reversals.append((stored.envelope.seq, reverses)) }
        let index = table.index(of: budget)
        try table[index].apply(stored.event, stored.envelope, target: lookup.target(id:))
    }

    private func isMine(_ budget: UnsafeRawBufferPointer) -> Bool {
        FoldTable.budget(budget, isIn: partition, of: partitions)
    }
}
