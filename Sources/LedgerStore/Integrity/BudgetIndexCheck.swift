import LMDB

/// What one budget's entries in `budget_seqs` must add up to: how many seqs, their sum and a
/// mix of them, gathered from the events while verify and replay walk the chain. Compared with
/// the index, it finds a seq missing, added, or listed under another budget, without holding
/// every seq in memory. The index decides which events an audit trail shows, so a change to it
/// must not pass verify.
struct BudgetIndexPrint: Equatable {
    private var count: UInt64 = 0
    private var sum: UInt64 = 0
    private var mix: UInt64 = 0

    mutating func add(_ seq: UInt64) {
        count += 1
        sum &+= seq
        mix ^= seq &* 0x9E37_79B9_7F4A_7C15
    }
}

/// What `budget_seqs` holds, per budget: the print of its seqs up to a seq (a budget whose every
/// seq is past it has none), and the budgets with an entry that is not a seq.
struct StoredBudgetIndex {
    var prints: [String: BudgetIndexPrint] = [:]
    var malformed = Set<String>()

    /// The budgets whose entries do not add up to `expected` (one print per budget with
    /// events), in id order.
    func mismatches(expected: [String: BudgetIndexPrint]) -> [String] {
        let budgets = Set(expected.keys).union(prints.keys).filter { expected[$0] != prints[$0] }.union(malformed)
        return budgets.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

extension Ledger {
    /// The budgets whose entries in `budget_seqs` up to `lastSeq` do not add up to `expected`
    /// (one print per budget with events), in id order.
    func budgetIndexMismatches(expected: [String: BudgetIndexPrint], through lastSeq: UInt64,
                               in txn: borrowing some ReadableTransaction & ~Copyable) throws -> [String] {
        try storedBudgetIndex(through: lastSeq, in: txn).mismatches(expected: expected)
    }

    /// What `budget_seqs` holds for the events up to `lastSeq`, in one walk.
    func storedBudgetIndex(through lastSeq: UInt64, in txn: borrowing some ReadableTransaction & ~Copyable) throws -> StoredBudgetIndex {
        var stored = StoredBudgetIndex()
        var steps = MapStepBatch(self)
        defer { steps.flush() }
        // A budget's seqs come one after another: its id is made once, when its first comes.
        var current: (key: [UInt8], print: BudgetIndexPrint)?
        func keepCurrent() {
            // A budget whose every seq is past the tip has no entry a reader sees.
            if let current, current.print != BudgetIndexPrint() { stored.prints[String(decoding: current.key, as: UTF8.self)] = current.print }
        }
        try txn.forEach(databases.budgetEvents) { key, value in
            if current == nil || !current!.key.hasSameBytes(as: key) {
                keepCurrent()
                current = (Array(key), BudgetIndexPrint())
            }
            guard value.count == 8 else {
                stored.malformed.insert(String(decoding: key, as: UTF8.self))
                return true
            }
            let seq = ByteReader.seq(value)
            // Past the tip: an unfinished import's, which no reader sees.
            if seq <= lastSeq { current!.print.add(seq) }
            steps.note(bytes: value.count)
            return true
        }
        keepCurrent()
        return stored
    }

    /// Lists the events of `budgets` in `budget_seqs` again, from the events themselves: what
    /// replay does for the budgets whose entries did not add up.
    func rebuildBudgetIndex(of budgets: Set<String>, through lastSeq: UInt64, in txn: borrowing WriteTransaction) throws {
        for budget in budgets { _ = try txn.delete(databases.budgetEvents, key: Array(budget.utf8)) }
        var next: UInt64 = 1
        var chunk: [(budget: String, seq: UInt64)] = []
        while next <= lastSeq {
            chunk.removeAll(keepingCapacity: true)
            var scannedTo = next
            try txn.forEach(databases.events, from: ByteWriter.key(seq: next)) { key, value in
                let seq = ByteReader.seq(key)
                guard seq <= lastSeq else { return false }
                let budget = try StoredEvent(storedValue: value).event.budget
                if budgets.contains(budget) { chunk.append((budget, seq)) }
                scannedTo = seq + 1
                noteMapStep()
                return chunk.count < 10_000  // no writes while the cursor walks: they follow
            }
            if scannedTo == next { break }
            next = scannedTo
            for (budget, seq) in chunk { try txn.put(databases.budgetEvents, key: Array(budget.utf8), value: ByteWriter.key(seq: seq)) }
        }
    }
}
