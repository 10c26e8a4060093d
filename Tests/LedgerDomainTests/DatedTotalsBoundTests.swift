import Testing
import LedgerDomain

/// Format 5 keeps a budget's projection without its dated totals while posting, and folds them
/// from the budget's events only when `Projector.readsDatedTotals` says an event reads them. That
/// is exact only if, short of the bound, no date's total can fail to fit 64-bit pence whatever
/// the stored totals hold. The figures here are worked out by hand from SPEC 2's limits, not
/// taken from the code: the largest amount is 9999999999.99 (999,999,999,999 pence), and
/// Int64.max is 9,223,372,036,854,775,807, so 9,223,372 such amounts fit
/// (9,223,371,999,990,776,628 pence) and 9,223,373 do not (9,223,372,999,990,776,627).
@Suite("dated totals: when a projection without them posts exactly")
struct DatedTotalsBoundTests {
    @Test func theLargestAmountIsTheLargestAPostedAmountMayBe() {
        #expect(Money.eventAmountMax == Money(pence: 999_999_999_999))
        #expect(Money(amount: "9999999999.99") == Money.eventAmountMax)
        #expect(Money(amount: "10000000000") == nil)
    }

    /// After `events` events, the next one puts at most `events + 1` amounts into a date's total.
    @Test func aDatesTotalCannotOverflowBeforeNineMillionTwoHundredAndTwentyThreeThousandThreeHundredAndSeventyTwoEvents() {
        #expect(!DatedTotals.addMayOverflow(afterEvents: 0))
        #expect(!DatedTotals.addMayOverflow(afterEvents: 1_000_000))
        #expect(!DatedTotals.addMayOverflow(afterEvents: 9_223_371))
        #expect(DatedTotals.addMayOverflow(afterEvents: 9_223_372))
        #expect(DatedTotals.addMayOverflow(afterEvents: UInt64.max))
    }

    @Test func aReconciliationReadsThemAndOtherEventsOnlyPastTheBound() throws {
        func event(_ line: String) throws -> Event {
            guard case .event(let event) = DecodedEvent.decode(Array(line.utf8)) else {
                Issue.record("not an event: \(line)")
                throw DecodingFailed()
            }
            return event
        }
        let reconciliation = try event(Lines.reconciliation("rec-1", periodEnd: "2025-06-30", statementBalance: "10.00",
                                                            pot: "direct_payment"))
        let payment = try event(Lines.payment("pay-1", "12.50", pot: "direct_payment"))
        let reversal = try event(Lines.reversal("rev-1", of: "pay-1"))
        #expect(Projector.readsDatedTotals(reconciliation, eventsSoFar: 1))
        #expect(!Projector.readsDatedTotals(payment, eventsSoFar: 500))
        #expect(!Projector.readsDatedTotals(reversal, eventsSoFar: 9_223_371))
        #expect(Projector.readsDatedTotals(payment, eventsSoFar: 9_223_372))
    }

    /// The writer holds a projection read without its dated totals as not kept: they take any
    /// amount (short of the bound no date's total can overflow) and stay empty, where kept ones
    /// refuse a date's total past 64 bits.
    @Test func totalsThatAreNotKeptTakeAnyAmountAndStayEmpty() {
        let date = CalendarDate(year: 2025, month: 6, day: 30)!
        var kept = DatedTotals()
        kept.add(count: 1, amount: Money(pence: Int64.max), on: date)
        #expect(!kept.canAdd(Money(pence: 1), on: date))
        #expect(kept.entries.count == 1)
        var notKept = DatedTotals.notKept
        #expect(!notKept.isKept && kept.isKept)
        notKept.add(count: 1, amount: Money(pence: Int64.max), on: date)
        #expect(notKept.canAdd(Money(pence: 1), on: date))
        #expect(notKept.entries.isEmpty)
        #expect(notKept == .notKept && notKept != DatedTotals())
    }

    private struct DecodingFailed: Error {}
}
