import LMDB
import LedgerDomain

/// One thread's share of `replay`'s single walk: the chain and money-effect checks of the seqs
/// in `checked`, and the fold of its partition of the budgets over every event.
///
/// Hashing is most of replay's work, and each event's hash can be checked on its own from the
/// stored hash before it, so two shares check the two halves of the chain at once, each folding
/// half of the budgets from the stored effects (a few dozen bytes an event, in seq order) while
/// it goes. Where the chain holds, that is the same check as one walk from the genesis hash;
/// where it does not, the lower share's fault is the one a single walk meets first (see
/// `Ledger.walkReplayShare` and `Ledger.replayFault`).
struct ReplayShare {
    let checked: ClosedRange<UInt64>
    let partition: Int
    let partitions: Int
    /// The folds of this share's budgets, and per fold the print of the seqs it folded.
    private(set) var table = FoldTable(filter: ViewFilter())
    private(set) var indexPrints: [BudgetIndexPrint] = []
    /// Reversals folded, in seq order: each one's seq and the seq of the event it reverses.
    private(set) var reversals: [(seq: UInt64, target: UInt64)] = []
    /// How many events this share folded.
    private(set) var folded: UInt64 = 0
    /// What the projection databases should hold for this share's budgets (`encodeProjections`).
    private(set) var projections = StoredProjections(folds: [:])
    /// The print of the ids of the events checked (to hold against the id index).
    var idPrint = EventIDIndexPrint()
    /// The seq after the last event checked, and that event's hash.
    var nextSeq: UInt64
    var lastHash: [UInt8]
    /// The first fault of the checks in `checked` (nil: they held, or the events ran out before
    /// its end), and of the fold (nil: none).
    var checkFault: ChainBreak?
    private(set) var foldFault: (seq: UInt64, error: any Error)?

    init(checking checked: ClosedRange<UInt64>, previousHash: [UInt8], partition: Int, of partitions: Int) {
        self.checked = checked
        self.partition = partition
        self.partitions = partitions
        nextSeq = checked.lowerBound
        lastHash = previousHash
    }

    /// Folds event `seq` by its stored money effect when its budget is this share's. `stored` is
    /// the event (hash, then canonical bytes) when the walk has it in hand; an event that is not
    /// a plain movement is otherwise read by `lookup`. After a failure nothing more is folded.
    mutating func fold(_ seq: UInt64, effect value: UnsafeRawBufferPointer, stored: UnsafeRawBufferPointer?, lookup: EventLookup) {
        guard foldFault == nil else { return }
        if partitions > 1, let budget = MoneyEffect.budget(in: value), !isMine(budget) { return }
        do {
            if let effect = try MoneyEffect.decode(value) {
                guard isMine(effect.budget) else { return }
                let index = table.index(of: effect.budget)
                try table[index].apply(effect.movement, seq: seq, date: effect.date)
                listed(seq, at: index)
            } else if let stored {
                try foldDecoded(seq, stored: stored, lookup: lookup)
            } else {
                let found: Void? = try lookup.reader.withValue(lookup.databases.events, key: ByteWriter.key(seq: seq)) {
                    try foldDecoded(seq, stored: $0, lookup: lookup)
                }
                if found == nil { throw StoreError.damagedEvent(seq: seq, detail: "event seq \(seq) is missing below the chain tip") }
            }
        } catch {
            foldFault = (seq, error)
        }
    }

    /// Folds an event that is not a plain movement from its decoded bytes, if its budget is mine
    /// (read from the bytes first, so that the other share's events are not decoded).
    private mutating func foldDecoded(_ seq: UInt64, stored: UnsafeRawBufferPointer, lookup: EventLookup) throws {
        if partitions > 1, stored.count > StoredEvent.hashLength {
            let canonical = UnsafeRawBufferPointer(rebasing: stored[StoredEvent.hashLength...])
            if let budget = CanonicalMovementReader.budget(in: canonical), !isMine(UnsafeRawBufferPointer(rebasing: canonical[budget])) {
                return
            }
        }
        let decoded = try StoredEvent(storedValue: stored)
        var budget = decoded.event.budget
        guard budget.withUTF8({ isMine(UnsafeRawBufferPointer($0)) }) else { return }
        if case .reversal(let reverses, _) = decoded.event.body, let target = try lookup.seq(ofID: reverses) {
            reversals.append((seq, target))
        }
        let index = table.index(of: budget)
        try table[index].apply(decoded.event, decoded.envelope, target: lookup.target(id:))
        listed(seq, at: index)
    }

    private mutating func listed(_ seq: UInt64, at index: Int) {
        if index == indexPrints.count { indexPrints.append(BudgetIndexPrint()) }
        indexPrints[index].add(seq)
        folded += 1
    }

    private func isMine(_ budget: UnsafeRawBufferPointer) -> Bool {
        FoldTable.budget(budget, isIn: partition, of: partitions)
    }

    /// Encodes this share's folds as the entries the projection databases should hold, on the
    /// share's own thread.
    mutating func encodeProjections() { projections = StoredProjections(folds: table.byBudget) }

    /// The budget index prints of this share's budgets, by budget id.
    var indexPrintsByBudget: [String: BudgetIndexPrint] {
        Dictionary(uniqueKeysWithValues: zip(table.budgetIDs, indexPrints))
    }
}

/// The stored money effects in seq order, read by one walk that its caller advances: an entry
/// read past the seq asked for is kept for the next ask.
struct EffectWalkPosition {
    private var ahead: (seq: UInt64, value: UnsafeRawBufferPointer)?

    /// The next effect (an entry keyed by a seq; any other is `verify`'s to name).
    mutating func next(in walk: inout KeyOrderWalk) throws -> (seq: UInt64, value: UnsafeRawBufferPointer)? {
        if let entry = ahead {
            ahead = nil
            return entry
        }
        while let (key, value) = try walk.next() {
            if key.count == 8 { return (ByteReader.seq(key), value) }
        }
        return nil
    }

    /// Puts back an entry `next` gave, to be given again.
    mutating func keep(_ entry: (seq: UInt64, value: UnsafeRawBufferPointer)) { ahead = entry }

    /// The stored effect of event `seq`, skipping any of a lower seq; nil when there is none.
    mutating func effect(of seq: UInt64, in walk: inout KeyOrderWalk) throws -> UnsafeRawBufferPointer? {
        while let entry = try next(in: &walk) {
            if entry.seq == seq { return entry.value }
            if entry.seq > seq {
                keep(entry)
                return nil
            }
        }
        return nil
    }
}
