import Testing
import LedgerDomain

/// SPEC 2: at most 10 digits before the point, and sums never overflow silently. The largest
/// amount is 999,999,999,999 pence, so reaching Int64.max takes about 9.2 million maximal
/// allocations: too many to post in a test, so these start from a projection already near the
/// limit and post maximal allocations until the next one would not fit.
@Suite struct MoneyLimitTests {
    static let largestAmount = "9999999999.99"
    static let largestPence: Int64 = 999_999_999_999
    static let overflowMessage = "the amount would take a total of budget \"B\" beyond what the ledger can hold"

    static func opening(_ model: String, pots: String? = nil) -> String {
        #"{"id":"open","type":"budget_opened","budget":"B","date":"2025-04-01","person":"P-1","holding_model":"\#(model)","#
            + (pots.map { #""pots":\#($0),"# } ?? "") + #""period_start":"2025-04-01","period_end":"2026-03-31"}"#
    }

    static func allocation(_ n: Int, pot: String? = nil) -> String {
        #"{"id":"a\#(n)","type":"allocation","budget":"B","date":"2025-04-02","#
            + (pot.map { #""pot":"\#($0)","# } ?? "") + #""amount":"\#(largestAmount)"}"#
    }

    /// A ledger holding budget B, opened by `opening`, with `allocated` pence already on each pot.
    static func ledgerNearTheLimit(_ opening: String, allocated: [Int64]) throws -> MemoryLedger {
        let empty = MemoryLedger()
        #expect(try empty.post(opening).rejection == nil)
        var state = try #require(empty.states["B"])
        for (index, pence) in allocated.enumerated() { state.pots[index].allocated = Money(pence: pence) }
        return MemoryLedger(states: [state])
    }

    /// Posts maximal allocations until one is refused; returns how many were accepted and the refusal.
    static func allocateUntilRefused(_ ledger: MemoryLedger, pot: String? = nil) throws -> (Int, PostingOutcome) {
        for n in 1...10_000 {
            let outcome = try ledger.post(allocation(n, pot: pot))
            guard case .accepted = outcome else { return (n - 1, outcome) }
        }
        Issue.record("no allocation was refused")
        return (10_000, .duplicate(seq: 0))
    }

    @Test func theLargestAmountIsAcceptedAndOneMoreDigitIsNot() throws {
        let ledger = MemoryLedger()
        #expect(try ledger.post(Self.opening("direct_payment")).rejection == nil)
        #expect(try ledger.post(Self.allocation(1)).rejection == nil)
        #expect(ledger.states["B"]?.pots[0].allocated == Money(pence: Self.largestPence))
        let elevenDigits = #"{"id":"a2","type":"allocation","budget":"B","date":"2025-04-02","amount":"10000000000"}"#
        #expect(try ledger.post(elevenDigits).rejection == Rejection(.invalidField,
            #""amount" "10000000000" is not an amount: a decimal with at most 10 digits before the point and 2 after it"#))
        let threeDecimals = #"{"id":"a3","type":"allocation","budget":"B","date":"2025-04-02","amount":"0.001"}"#
        #expect(try ledger.post(threeDecimals).rejection?.code == .invalidField)
        let asNumber = #"{"id":"a4","type":"allocation","budget":"B","date":"2025-04-02","amount":9999999999.99}"#
        #expect(try ledger.post(asNumber).rejection == Rejection(.invalidField,
            #""amount" must be a string such as "12.50", not a JSON number: floating point never touches money"#))
    }

    @Test func maximalAllocationsUntilAPotWouldOverflowEndInAClearRejection() throws {
        // Room for 1,000 more maximal allocations and half of another.
        let start = Int64.max - 1_000 * Self.largestPence - Self.largestPence / 2
        let ledger = try Self.ledgerNearTheLimit(Self.opening("direct_payment"), allocated: [start])
        let (accepted, refusal) = try Self.allocateUntilRefused(ledger)
        #expect(accepted == 1_000)
        #expect(refusal.rejection == Rejection(.invalidField, Self.overflowMessage))
        let state = try #require(ledger.states["B"])
        #expect(state.pots[0].allocated == Money(pence: start + 1_000 * Self.largestPence))
        #expect(state.version == 1_001)
    }

    @Test func maximalAllocationsUntilTheBudgetTotalWouldOverflowEndInAClearRejection() throws {
        // Each pot fits on its own; their sum, the budget's `allocated` total, would not.
        let half = Int64.max / 2 - 10 * Self.largestPence
        let ledger = try Self.ledgerNearTheLimit(Self.opening("mixed", pots: #"["notional","direct_payment"]"#),
                                                 allocated: [half, half])
        let (accepted, refusal) = try Self.allocateUntilRefused(ledger, pot: "direct_payment")
        #expect(accepted == 20)
        #expect(refusal.rejection == Rejection(.invalidField, Self.overflowMessage))
        let state = try #require(ledger.states["B"])
        #expect(BalanceReport.totals(of: state).allocated == Money(pence: 2 * half + 20 * Self.largestPence))
    }
}
