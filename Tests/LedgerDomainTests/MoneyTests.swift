import Testing
import LedgerDomain

@Suite("Money: SPEC 2 amounts in integer pence")
struct MoneyTests {
    @Test("valid amounts parse to exact pence", arguments: [
        ("12", Int64(1200)), ("12.5", 1250), ("1234.50", 123_450), ("0.01", 1), ("0", 0),
        ("9999999999", 999_999_999_900), ("9999999999.99", 999_999_999_999), ("007.10", 710),
    ])
    func parsesValidAmount(text: String, pence: Int64) {
        #expect(Money(amount: text)?.pence == pence)
    }

    @Test("anything else is not an amount", arguments: [
        "12.", ".5", "1.234", "12345678901", "-1", "+1", "1e3", " 1", "1 ", "", ".", "1,000", "12.5.0", "١٢", "0x10",
    ])
    func rejectsInvalidAmount(text: String) {
        #expect(Money(amount: text) == nil)
    }

    @Test("output has exactly two decimals, a minus sign when negative", arguments: [
        (Int64(0), "0.00"), (1, "0.01"), (10, "0.10"), (1250, "12.50"), (123_450, "1234.50"),
        (-1200, "-12.00"), (-5, "-0.05"), (999_999_999_999, "9999999999.99"),
        (Int64.min, "-92233720368547758.08"), (Int64.max, "92233720368547758.07"),
    ])
    func formatsTwoDecimals(pence: Int64, text: String) {
        #expect(Money(pence: pence).description == text)
    }

    @Test func sumsAreCheckedNeverWrapped() {
        #expect(Money(pence: 1250).adding(Money(pence: 75)) == Money(pence: 1325))
        #expect(Money(pence: 1250).subtracting(Money(pence: 2450)) == Money(pence: -1200))
        #expect(Money(pence: Int64.max).adding(Money(pence: 1)) == nil)
        #expect(Money(pence: Int64.min).subtracting(Money(pence: 1)) == nil)
        #expect(Money(pence: Int64.min).negated == nil)
        #expect(Money(pence: 1200).negated == Money(pence: -1200))
    }

    @Test("a signed statement amount keeps its sign", arguments: [
        ("-12.50", Int64(-1250)), ("+40", 4000), (" 7.5 ", 750), ("0", 0),
    ])
    func parsesSignedAmount(text: String, pence: Int64) {
        #expect(Money(signedAmount: text)?.pence == pence)
    }

    @Test func signedAmountRejectsWhatAnAmountRejects() {
        for text in ["--1", "-", "1e3", "-.5", "12345678901"] {
            #expect(Money(signedAmount: text) == nil, "\(text)")
        }
    }
}
