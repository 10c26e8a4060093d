/// Matches statement rows to recorded movements one-to-one (SPEC 7).
///
/// A row and a movement can pair when the row's signed amount is the movement's amount as the
/// statement shows it (out negative, in positive) and their dates are at most
/// `dateToleranceDays` apart. Of all such pairs, the best is taken first and both sides leave
/// the pool, then the next best of what remains, and so on. Best means: equal references
/// first, then the fewest days apart, then the lowest line, then the lowest `seq`. That order
/// is total, so the result never depends on the order the inputs came in.
public enum StatementMatcher {
    public static let dateToleranceDays: Int32 = 5

    public struct Pair: Equatable, Sendable {
        public let row: StatementRow
        public let movement: PotMovement
    }

    public struct Result: Equatable, Sendable {
        /// In line order.
        public let matched: [Pair]
        /// Rows the ledger has not recorded, in line order.
        public let statementOnly: [StatementRow]
        /// Movements the statement does not show, in `seq` order.
        public let ledgerOnly: [PotMovement]
    }

    /// - Parameters: rows and movements already limited to the statement period.
    public static func match(rows: [StatementRow], movements: [PotMovement]) -> Result {
        var movementsByAmount: [Int64: [Int]] = [:]
        for (index, movement) in movements.enumerated() {
            movementsByAmount[movement.statementAmount.pence, default: []].append(index)
        }
        var candidates: [Candidate] = []
        for (rowIndex, row) in rows.enumerated() {
            for movementIndex in movementsByAmount[row.amount.pence] ?? [] {
                let movement = movements[movementIndex]
                let days = abs(row.date.days(since: movement.date))
                guard days <= dateToleranceDays else { continue }
                candidates.append(Candidate(rowIndex: rowIndex, movementIndex: movementIndex,
                                            referencesDiffer: !referencesEqual(row.reference, movement.reference),
                                            days: days, line: row.line, seq: movement.seq))
            }
        }
        candidates.sort()
        var rowTaken = Array(repeating: false, count: rows.count)
        var movementTaken = Array(repeating: false, count: movements.count)
        var matched: [Pair] = []
        for candidate in candidates where !rowTaken[candidate.rowIndex] && !movementTaken[candidate.movementIndex] {
            rowTaken[candidate.rowIndex] = true
            movementTaken[candidate.movementIndex] = true
            matched.append(Pair(row: rows[candidate.rowIndex], movement: movements[candidate.movementIndex]))
        }
        assert(Set(matched.map(\.movement.seq)).count == matched.count, "one-to-one")
        return Result(
            matched: matched.sorted { $0.row.line < $1.row.line },
            statementOnly: rows.indices.filter { !rowTaken[$0] }.map { rows[$0] }.sorted { $0.line < $1.line },
            ledgerOnly: movements.indices.filter { !movementTaken[$0] }.map { movements[$0] }.sorted { $0.seq < $1.seq })
    }

    /// Banks echo references in their own case and padding, so both are ignored.
    static func referencesEqual(_ statement: String?, _ ledger: String?) -> Bool {
        guard let statement, let ledger else { return false }
        let left = statement.trimmingASCIIWhitespace().lowercasedASCII()
        return !left.isEmpty && left == ledger.trimmingASCIIWhitespace().lowercasedASCII()
    }

    /// A possible pair, ordered by the priority of SPEC 7.
    private struct Candidate: Comparable {
        let rowIndex: Int
        let movementIndex: Int
        let referencesDiffer: Bool
        let days: Int32
        let line: Int
        let seq: UInt64

        static func < (lhs: Candidate, rhs: Candidate) -> Bool {
            (lhs.referencesDiffer ? 1 : 0, lhs.days, lhs.line, lhs.seq) < (rhs.referencesDiffer ? 1 : 0, rhs.days, rhs.line, rhs.seq)
        }
    }
}
