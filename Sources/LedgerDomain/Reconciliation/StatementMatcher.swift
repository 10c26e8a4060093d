/// Matches statement rows to recorded movements one-to-one (SPEC 7, 7.2).
///
/// A row and a movement can pair when the row's signed amount is the movement's amount as the
/// statement shows it (out negative, in positive) and their dates are at most
/// `dateToleranceDays` apart. Of all such pairs, the best is taken first and both sides leave
/// the pool, then the next best of what remains, and so on. Best means: equal references
/// first, then the fewest days apart, then the lowest line, then the lowest `seq`. That order
/// is total, so the result never depends on the order the inputs came in.
///
/// Then (SPEC 7.2) the outstanding items, movements dated before the period that no
/// statement has cleared, are offered to the rows still unmatched in the same order of
/// preference, a row dated on the item's day or up to `outstandingDaysMax` after it.
/// The pairing itself is `GreedyPairing`: n log n time, memory linear in the input.
public enum StatementMatcher {
    public static let dateToleranceDays: Int32 = 5
    /// How long after its date an outstanding item (an uncashed cheque) may still clear.
    public static let outstandingDaysMax: Int32 = 90

    public struct Pair: Equatable, Sendable {
        public let row: StatementRow
        public let movement: PotMovement
    }

    public struct Result: Equatable, Sendable {
        /// In line order: rows matched to movements of the period and to outstanding items.
        public let matched: [Pair]
        /// Rows the ledger has not recorded, in line order.
        public let statementOnly: [StatementRow]
        /// Movements of the period the statement does not show, in `seq` order.
        public let ledgerOnly: [PotMovement]
        /// Outstanding items this statement did not clear either, in `seq` order.
        public let outstanding: [PotMovement]

        /// SPEC 7.2: money in minus money out over `ledgerOnly` and `outstanding` together, the
        /// part of a variance that only waits for the bank.
        public var timing: Money {
            (ledgerOnly + outstanding).reduce(Money.zero) { sum, movement in
                // Bounded: every movement is at most 10^12 pence and a pot has far fewer than 10^6.
                guard let next = sum.adding(movement.statementAmount) else { preconditionFailure("timing fits 64-bit pence") }
                return next
            }
        }
    }

    /// - Parameters:
    ///   - rows: the statement's rows dated in the period.
    ///   - movements: the pot's movements dated in the period that no other reconciliation cleared.
    ///   - outstanding: the pot's outstanding items (SPEC 7.2), offered to the rows left over.
    public static func match(rows: [StatementRow], movements: [PotMovement], outstanding: [PotMovement] = []) -> Result {
        var pairing = GreedyPairing(rows: rows)
        let inPeriod = pairing.take(movements, rowDateMinusMovementDate: -dateToleranceDays...dateToleranceDays)
        let cleared = pairing.take(outstanding, rowDateMinusMovementDate: 0...outstandingDaysMax)
        var matched = inPeriod.pairs + cleared.pairs
        matched.sort { $0.row.line < $1.row.line }
        assert(Set(matched.map(\.movement.seq)).count == matched.count, "one-to-one")
        assert(Set(matched.map(\.row.line)).count == matched.count, "one-to-one")
        return Result(matched: matched,
                      statementOnly: pairing.rowsLeft.sorted { $0.line < $1.line },
                      ledgerOnly: inPeriod.left.sorted { $0.seq < $1.seq },
                      outstanding: cleared.left.sorted { $0.seq < $1.seq })
    }

    /// Banks echo references in their own case and padding, so both are ignored.
    static func referencesEqual(_ statement: String?, _ ledger: String?) -> Bool {
        guard let statement, let ledger else { return false }
        let left = referenceKey(statement)
        return left != nil && left == referenceKey(ledger)
    }

    /// The form references are compared in; nil for a blank one, which never matches.
    static func referenceKey(_ reference: String?) -> String? {
        guard let key = reference?.trimmingASCIIWhitespace().lowercasedASCII(), !key.isEmpty else { return nil }
        return key
    }
}
