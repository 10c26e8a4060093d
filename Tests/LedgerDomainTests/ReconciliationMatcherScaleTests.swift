import Testing
import TestSupport
@testable import LedgerDomain

/// The matcher (issue 9) against the definition it replaced: list every candidate pair, sort
/// by SPEC 7's preference, take greedily. Same pairs on thousands of random small cases; and a
/// statement of 20,000 rows against 2,000 equal payments, which the candidate list made
/// quadratic, matched as the definition says.
@Suite("StatementMatcher: the same pairs as the sorted candidate list, at any size")
struct ReconciliationMatcherScaleTests: ReconciliationTesting {
    /// The definition, written plainly: quadratic, for small inputs only.
    private func definition(rows: [StatementRow], movements: [PotMovement], days: ClosedRange<Int32>) -> Set<String> {
        var candidates: [(Int, Int32, Int, UInt64, Int, Int)] = []
        for (r, row) in rows.enumerated() {
            for (m, movement) in movements.enumerated() where movement.statementAmount == row.amount {
                let offset = row.date.days(since: movement.date)
                guard days.contains(offset) else { continue }
                let same = StatementMatcher.referencesEqual(row.reference, movement.reference)
                candidates.append((same ? 0 : 1, abs(offset), row.line, movement.seq, r, m))
            }
        }
        candidates.sort { ($0.0, $0.1, $0.2, $0.3) < ($1.0, $1.1, $1.2, $1.3) }
        var rowTaken = Set<Int>(), movementTaken = Set<Int>(), pairs = Set<String>()
        for candidate in candidates where !rowTaken.contains(candidate.4) && !movementTaken.contains(candidate.5) {
            rowTaken.insert(candidate.4)
            movementTaken.insert(candidate.5)
            pairs.insert("\(rows[candidate.4].line)-\(movements[candidate.5].id)")
        }
        return pairs
    }

    @Test("random small statements: the pairs of the definition, in the period and for outstanding items")
    func randomCases() {
        var random = SeededGenerator(seed: 14)
        let base = day("2026-01-01")
        for _ in 0..<2_000 {
            let amounts = ["-10", "-20", "15", "-5"]
            let references: [String?] = [nil, nil, "A", "b", " a "]
            let rows = (0..<Int.random(in: 0...12, using: &random)).map { index in
                StatementRow(line: index + 2, date: base.adding(days: Int32.random(in: 0...20, using: &random)), description: "",
                             amount: money(random.pick(amounts)), reference: random.pick(references))
            }.shuffled(using: &random)
            let movements = (0..<Int.random(in: 0...12, using: &random)).map { index in
                let amount = random.pick(amounts)
                return PotMovement(seq: UInt64(index + 1) * 3, id: "e\(index)", kind: amount.hasPrefix("-") ? .payment : .directPaymentTransfer,
                                   date: base.adding(days: Int32.random(in: 0...20, using: &random)), amount: money(String(amount.drop { $0 == "-" })),
                                   reference: random.pick(references), counterparty: "")
            }
            let inPeriod = StatementMatcher.match(rows: rows, movements: movements)
            let got = Set(inPeriod.matched.map { "\($0.row.line)-\($0.movement.id)" })
            #expect(got == definition(rows: rows, movements: movements, days: -5...5))
            // As outstanding items only: 0 to 90 days after the item.
            let outstanding = StatementMatcher.match(rows: rows, movements: [], outstanding: movements)
            #expect(Set(outstanding.matched.map { "\($0.row.line)-\($0.movement.id)" }) == definition(rows: rows, movements: movements, days: 0...90))
            #expect(outstanding.outstanding.count + outstanding.matched.count == movements.count)
        }
    }

    @Test("20,000 rows against 2,000 equal payments")
    func large() {
        let base = day("2026-01-01")
        let rows = (0..<20_000).map { StatementRow(line: $0 + 2, date: base.adding(days: Int32($0 % 28)), description: "CARD", amount: money("-12.50")) }
        let movements = (0..<2_000).map {
            PotMovement(seq: UInt64($0 + 1), id: "p\($0)", kind: .payment, date: base.adding(days: Int32($0 % 28)), amount: money("12.50"),
                        reference: nil, counterparty: "PA")
        }
        let result = StatementMatcher.match(rows: rows, movements: movements)
        #expect(result.matched.count == 2_000)
        #expect(result.statementOnly.count == 18_000 && result.ledgerOnly.isEmpty)
        // Same day, lowest line, lowest seq: payment k (day k mod 28) takes the k-th row of its day.
        #expect(result.matched.allSatisfy { $0.row.date == $0.movement.date })
        #expect(result.matched.first.map { "\($0.row.line)-\($0.movement.id)" } == "2-p0")
    }
}
