/// Money held beyond what the plan needs for the coming weeks (SPEC 7): what a commissioner
/// may recover from a third-party or direct-payment holder. Integer pence throughout.
public enum Surplus {
    /// The common local threshold for recovering direct payments.
    public static let weeksDefault = 8
    /// A budget period is at most a few years; a longer threshold is a typing error.
    public static let weeksMax = 520

    /// `allocated × 7 ÷ days in the budget period` (both ends counted), rounded down to the penny.
    /// Zero when nothing (or, in a backdated view, less than nothing) is allocated.
    public static func weeklyRate(allocated: Money, opening: BudgetOpening) -> Money {
        let days = Int64(opening.periodEnd.days(since: opening.periodStart)) + 1
        precondition(days >= 1, "a budget period starts on or before its end (SPEC 4 rejects one that does not)")
        guard allocated.pence > 0 else { return .zero }
        // allocated = q × days + r, so ⌊allocated × 7 ÷ days⌋ = 7q + ⌊7r ÷ days⌋ without
        // forming allocated × 7, which may not fit 64 bits. A rate beyond 64 bits (a period of
        // days and an allocation near the limit) is clamped: no held amount can exceed it.
        let (quotient, remainder) = allocated.pence.quotientAndRemainder(dividingBy: days)
        let (whole, overflow) = quotient.multipliedReportingOverflow(by: 7)
        let (rate, carry) = whole.addingReportingOverflow(remainder * 7 / days)
        return Money(pence: overflow || carry ? Int64.max : rate)
    }

    /// `max(0, held − weeks × weekly rate)`.
    public static func amount(held: Money, allocated: Money, opening: BudgetOpening, weeks: Int) -> Money {
        precondition((0...weeksMax).contains(weeks), "weeks are validated at the command line")
        let (threshold, overflow) = weeklyRate(allocated: allocated, opening: opening).pence.multipliedReportingOverflow(by: Int64(weeks))
        guard !overflow, held.pence > threshold else { return .zero }
        return Money(pence: held.pence - threshold)
    }

    /// The surplus of a pot as its balances stand.
    public static func amount(of pot: PotBalances, opening: BudgetOpening, weeks: Int) -> Money {
        amount(held: pot.held, allocated: pot.allocated, opening: opening, weeks: weeks)
    }
}
