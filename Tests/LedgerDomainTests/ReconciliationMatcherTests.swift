import Testing
@testable import LedgerDomain

/// Each expected pairing below is worked out by hand from SPEC 7's priority: equal references
/// first, then fewest days apart, then lowest line, then lowest seq; pairs are taken in that
/// order and both sides leave the pool.
@Suite("StatementMatcher: one-to-one, in SPEC 7's priority")
struct ReconciliationMatcherTests: ReconciliationTesting {
    private func pairs(_ result: StatementMatcher.Result) -> [String] {
        result.matched.map { "\($0.row.line)-\($0.movement.id)" }
    }

    @Test("same amount, at most five days apart either way")
    func tolerance() {
        let movements = [outflow(1, "2025-04-10", "20")]
        #expect(pairs(StatementMatcher.match(rows: [row(2, "2025-04-15", "-20")], movements: movements)) == ["2-e1"])
        #expect(pairs(StatementMatcher.match(rows: [row(2, "2025-04-05", "-20")], movements: movements)) == ["2-e1"])
        let late = StatementMatcher.match(rows: [row(2, "2025-04-16", "-20")], movements: movements)
        #expect(late.matched.isEmpty)
        #expect(late.statementOnly.map(\.line) == [2])
        #expect(late.ledgerOnly.map(\.seq) == [1])
        #expect(StatementMatcher.match(rows: [row(2, "2025-04-10", "-20.01")], movements: movements).matched.isEmpty)
    }

    @Test("money out matches a payment or recovery, money in a transfer; never the other way")
    func direction() {
        let payment = outflow(1, "2025-04-10", "20")
        let recovery = PotMovement(seq: 2, id: "e2", kind: .recovery, date: day("2025-04-10"), amount: money("30"), reference: nil, counterparty: "surplus")
        let transfer = PotMovement(seq: 3, id: "e3", kind: .directPaymentTransfer, date: day("2025-04-10"), amount: money("20"), reference: nil, counterparty: "")
        let result = StatementMatcher.match(rows: [row(2, "2025-04-10", "20"), row(3, "2025-04-10", "-20"), row(4, "2025-04-10", "-30")],
                                            movements: [payment, recovery, transfer])
        #expect(pairs(result) == ["2-e3", "3-e1", "4-e2"])
    }

    @Test("equal references are taken before a nearer date")
    func referenceFirst() {
        // Row 2 is 0 days from e1, row 3 is 4 days away but carries e1's reference.
        let result = StatementMatcher.match(rows: [row(2, "2025-04-10", "-50", reference: "INV-9"), row(3, "2025-04-14", "-50", reference: "INV-7")],
                                            movements: [outflow(1, "2025-04-10", "50", reference: "INV-7")])
        #expect(pairs(result) == ["3-e1"])
        #expect(result.statementOnly.map(\.line) == [2])
    }

    @Test("references compare without case or surrounding spaces; a missing one is never equal")
    func referenceComparison() {
        #expect(StatementMatcher.referencesEqual(" payslip-1 ", "PAYSLIP-1"))
        #expect(!StatementMatcher.referencesEqual(nil, "PAYSLIP-1"))
        #expect(!StatementMatcher.referencesEqual("", ""))
    }

    @Test("then the fewest days apart, whatever the line order")
    func fewestDays() {
        let result = StatementMatcher.match(rows: [row(2, "2025-04-07", "-50"), row(3, "2025-04-10", "-50")],
                                            movements: [outflow(1, "2025-04-10", "50")])
        #expect(pairs(result) == ["3-e1"])
        #expect(result.statementOnly.map(\.line) == [2])
    }

    @Test("on equal days, the lowest line takes the lowest seq")
    func ties() {
        // Both rows are 1 day from both events: (2,e1) first, then (3,e2).
        let result = StatementMatcher.match(rows: [row(3, "2025-04-11", "-14.80"), row(2, "2025-04-11", "-14.80")],
                                            movements: [outflow(2, "2025-04-10", "14.80"), outflow(1, "2025-04-12", "14.80")])
        #expect(pairs(result) == ["2-e1", "3-e2"])
    }

    @Test("pairs are taken best first across the whole statement, not row by row")
    func globalPriority() {
        // Fares on 7 and 10 April, statement rows on 9 (line 2) and 11 April (line 3).
        // Best pair: line 2 with e2 (1 day; it ties with line 3-e2 and wins on line).
        // Left: line 3 with e1, 4 days apart, still within the tolerance.
        let result = StatementMatcher.match(rows: [row(2, "2025-04-09", "-14.80"), row(3, "2025-04-11", "-14.80")],
                                            movements: [outflow(1, "2025-04-07", "14.80"), outflow(2, "2025-04-10", "14.80")])
        #expect(pairs(result) == ["2-e2", "3-e1"])
    }

    @Test("one-to-one: a second row of the same amount stays on the statement side")
    func oneToOne() {
        let twice = StatementMatcher.match(rows: [row(2, "2026-02-05", "-255"), row(3, "2026-02-09", "-255")],
                                           movements: [outflow(1, "2026-02-05", "255")])
        #expect(pairs(twice) == ["2-e1"])
        #expect(twice.statementOnly.map(\.line) == [3])
        let recordedTwice = StatementMatcher.match(rows: [row(2, "2026-02-05", "-255")],
                                                   movements: [outflow(1, "2026-02-05", "255"), outflow(2, "2026-02-05", "255")])
        #expect(pairs(recordedTwice) == ["2-e1"])
        #expect(recordedTwice.ledgerOnly.map(\.seq) == [2])
    }

    @Test("lists come out in line and seq order, whatever order they went in")
    func outputOrder() {
        let result = StatementMatcher.match(
            rows: [row(9, "2025-04-01", "-1"), row(4, "2025-04-01", "-2"), row(7, "2025-04-01", "-3"), row(5, "2025-04-01", "-4")],
            movements: [outflow(8, "2025-04-01", "3"), outflow(3, "2025-04-01", "5"), outflow(6, "2025-04-01", "1"), outflow(2, "2025-04-01", "6")])
        #expect(pairs(result) == ["7-e8", "9-e6"])
        #expect(result.statementOnly.map(\.line) == [4, 5])
        #expect(result.ledgerOnly.map(\.seq) == [2, 3])
    }
}
