import Testing
import LedgerDomain

/// SPEC 2: "sums never overflow silently". An amount that would take a total beyond 64-bit
/// pence is rejected (invalid_field, the model's choice), never wrapped and never a crash later.
@Suite("overflow: totals stay within 64-bit pence")
struct OverflowTests {
    /// The ledger with `pot` of PHB-1 allocated £0.50 short of the largest amount it can hold.
    private func nearTheLimit(_ ledger: InMemoryLedger, _ pot: Pot) throws -> InMemoryLedger {
        var ledger = ledger
        var state = ledger.state()
        let index = try #require(state.index(of: pot))
        state.pots[index].allocated = Money(pence: Int64.max - 50)
        ledger.overwrite(state)
        return ledger
    }

    @Test func aPotsAllocationCannotOverflow() throws {
        var ledger = try nearTheLimit(InMemoryLedger(accepting: Lines.open("notional")), .notional)
        ledger.expectRejected(.invalidField, Lines.allocation("alloc-1", "1"))
        ledger.accept(Lines.allocation("alloc-2", "0.5"))
        #expect(ledger.pot(.notional).allocated == Money(pence: Int64.max))
    }

    @Test func aBudgetsAllocatedTotalCannotOverflowEither() throws {
        var ledger = try nearTheLimit(InMemoryLedger(accepting: Lines.open("mixed", pots: ["notional", "direct_payment"])),
                                      .notional)
        ledger.expectRejected(.invalidField, Lines.allocation("alloc-1", "1", pot: "direct_payment"))
        ledger.accept(Lines.allocation("alloc-2", "0.5", pot: "direct_payment"))
        #expect(BalanceReport.totals(of: ledger.state()).allocated == Money(pence: Int64.max))
    }
}
