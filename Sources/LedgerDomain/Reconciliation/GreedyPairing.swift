/// The pairing behind `StatementMatcher`, without ever listing the candidate pairs.
///
/// Taking "the best remaining pair, again and again" in the order (equal references first,
/// fewest days, lowest line, lowest seq) is the same as walking that order level by level:
/// for each reference class and each distance in days, visit the rows still free in line
/// order and give each the free movement of lowest seq at exactly that distance. Movements are
/// kept in buckets by amount and date (and reference, for the first class), each sorted by
/// seq with a cursor past the ones already taken, so a level costs one or two look-ups per
/// free row. A pair with equal references that was free at its own level would have been
/// taken there, so the second class need not exclude them.
///
/// Time: O((rows + movements) log + rows × levels), levels = 2 × (days + 1); memory: linear.
/// The quadratic list of candidate pairs it replaces took 2.7 GB for 20,000 rows of one amount.
struct GreedyPairing {
    /// In line order.
    private let rows: [StatementRow]
    private var rowTaken: [Bool]

    init(rows: [StatementRow]) {
        self.rows = rows.sorted { $0.line < $1.line }
        rowTaken = Array(repeating: false, count: rows.count)
    }

    /// The rows no call of `take` has paired, in line order.
    var rowsLeft: [StatementRow] { rows.indices.filter { !rowTaken[$0] }.map { rows[$0] } }

    /// Pairs `movements` with the rows still free, a row dated `offset` days after its
    /// movement for some `offset` in `rowDateMinusMovementDate`.
    /// - Returns: the pairs made and the movements left unpaired (in the order given).
    mutating func take(_ movements: [PotMovement], rowDateMinusMovementDate offsets: ClosedRange<Int32>)
        -> (pairs: [StatementMatcher.Pair], left: [PotMovement])
    {
        guard !movements.isEmpty, !rows.isEmpty else { return ([], movements) }
        var movementTaken = Array(repeating: false, count: movements.count)
        let amounts = Set(movements.map(\.statementAmount.pence))
        var byReference = Buckets(movements) { StatementMatcher.referenceKey($0.reference) }
        var byAmount = Buckets(movements) { _ in "" }
        var pairs: [StatementMatcher.Pair] = []
        let farthest = max(abs(offsets.lowerBound), abs(offsets.upperBound))
        for referencesEqual in [true, false] {
            for days in 0...farthest {
                let distances = (days == 0 ? [0] : [-days, days]).filter(offsets.contains)
                guard !distances.isEmpty, pairs.count < movements.count else { continue }
                for rowIndex in rows.indices where !rowTaken[rowIndex] {
                    let row = rows[rowIndex]
                    guard amounts.contains(row.amount.pence) else { continue }
                    let reference = referencesEqual ? StatementMatcher.referenceKey(row.reference) : ""
                    guard let reference else { continue }
                    var best: Int?
                    for distance in distances {
                        let key = Buckets.Key(amount: row.amount.pence, day: row.date.adding(days: -distance).daysSinceEpoch, reference: reference)
                        let candidate = referencesEqual ? byReference.front(key, skipping: movementTaken)
                                                        : byAmount.front(key, skipping: movementTaken)
                        if let candidate, best.map({ movements[candidate].seq < movements[$0].seq }) ?? true { best = candidate }
                    }
                    guard let best else { continue }
                    rowTaken[rowIndex] = true
                    movementTaken[best] = true
                    pairs.append(StatementMatcher.Pair(row: row, movement: movements[best]))
                }
            }
        }
        assert(pairs.count == movementTaken.filter { $0 }.count, "each pair takes one movement")
        return (pairs, movements.indices.filter { !movementTaken[$0] }.map { movements[$0] })
    }

    /// Movement indices grouped by statement amount, date and a text key, each group in seq
    /// order with a cursor past its taken front.
    private struct Buckets {
        struct Key: Hashable {
            let amount: Int64
            let day: Int32
            let reference: String
        }

        private var positions: [Key: Int] = [:]
        private var members: [[Int]] = []
        private var cursors: [Int] = []

        /// - Parameter text: the key's text for a movement; nil leaves the movement out.
        init(_ movements: [PotMovement], text: (PotMovement) -> String?) {
            for index in movements.indices.sorted(by: { movements[$0].seq < movements[$1].seq }) {
                let movement = movements[index]
                guard let reference = text(movement) else { continue }
                let key = Key(amount: movement.statementAmount.pence, day: movement.date.daysSinceEpoch, reference: reference)
                if let position = positions[key] {
                    members[position].append(index)
                } else {
                    positions[key] = members.count
                    members.append([index])
                    cursors.append(0)
                }
            }
        }

        /// The untaken movement of lowest seq under `key`, if any.
        mutating func front(_ key: Key, skipping taken: [Bool]) -> Int? {
            guard let position = positions[key] else { return nil }
            var cursor = cursors[position]
            let group = members[position]
            while cursor < group.count, taken[group[cursor]] { cursor += 1 }
            cursors[position] = cursor
            return cursor < group.count ? group[cursor] : nil
        }
    }
}
