import LedgerDomain

/// The folds of a whole-ledger pass, one per budget, found by the bytes of the budget id: the
/// fast fold reads ids from canonical bytes and makes no `String` per event. Open addressing
/// over an FNV-1a hash; a ledger has hundreds or thousands of budgets, not millions.
struct FoldTable {
    private let filter: ViewFilter
    private var slots: [Int32]
    private var ids: [[UInt8]] = []
    private(set) var folds: [BudgetFold] = []

    init(filter: ViewFilter) {
        self.filter = filter
        slots = [Int32](repeating: -1, count: 1024)
    }

    /// The index in `folds` of `budget`'s fold, made on first sight.
    mutating func index(of budget: UnsafeRawBufferPointer) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: FoldTable.hash(budget)) & mask
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            if ids[index].hasSameBytes(as: budget) { return index }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(folds.count)
        ids.append(Array(budget))
        folds.append(BudgetFold(filter: filter))
        if folds.count * 2 > slots.count { grow() }
        return folds.count - 1
    }

    mutating func index(of budget: String) -> Int {
        var budget = budget
        return budget.withUTF8 { index(of: UnsafeRawBufferPointer($0)) }
    }

    /// The budget ids, by index.
    var budgetIDs: [String] { ids.map { String(decoding: $0, as: UTF8.self) } }

    /// Every fold, by budget id.
    var byBudget: [String: BudgetFold] { Dictionary(uniqueKeysWithValues: zip(budgetIDs, folds)) }

    subscript(index: Int) -> BudgetFold {
        get { folds[index] }
        _modify { yield &folds[index] }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, id) in ids.enumerated() {
            var slot = id.withUnsafeBytes { Int(truncatingIfNeeded: FoldTable.hash($0)) } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// Whether `budget` falls in `partition` of `partitions`: the one split of the budgets that
    /// the parallel folds, verify's walks and replay's shares all use.
    static func budget(_ budget: UnsafeRawBufferPointer, isIn partition: Int, of partitions: Int) -> Bool {
        partitions == 1 || Int(hash(budget) % UInt64(partitions)) == partition
    }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
