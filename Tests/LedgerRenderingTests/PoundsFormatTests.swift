import LedgerDomain
@testable import LedgerRendering
import Testing
import TestSupport

/// The amounts of the audit page and the web pages: `12,345.60`, thousands separated, two
/// decimals, sign kept; the same text as regrouping the digits of `Money.description`.
@Suite struct PoundsFormatTests {
    /// Regroups `description`'s whole pounds by threes: the reading of the format, written apart.
    static func reference(_ money: Money, decimals: Bool) -> String {
        let text = money.description
        let negative = text.hasPrefix("-")
        let parts = (negative ? String(text.dropFirst()) : text).split(separator: ".")
        let digits = Array(parts[0])
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + (decimals ? "." + parts[1] : "")
    }

    @Test func examples() {
        #expect(AuditHTMLOutput.pounds(Money(pence: 0)) == "0.00")
        #expect(AuditHTMLOutput.pounds(Money(pence: -250)) == "-2.50")
        #expect(AuditHTMLOutput.pounds(Money(pence: 100_000)) == "1,000.00")
        #expect(AuditHTMLOutput.pounds(Money(pence: 1_234_567_805)) == "12,345,678.05")
        #expect(AuditHTMLOutput.pounds(Money(pence: -99_999_999), decimals: false) == "-999,999")
    }

    @Test(arguments: 1...4) func randomAmountsMatchTheReference(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<2_000 {
            let digits = Int.random(in: 1...18, using: &random)
            var pence = Int64.random(in: 0...(digits == 18 ? Int64.max / 10 : Int64(pow10(digits))), using: &random)
            if Bool.random(using: &random) { pence = -pence }
            let money = Money(pence: pence)
            #expect(AuditHTMLOutput.pounds(money) == Self.reference(money, decimals: true))
            #expect(AuditHTMLOutput.pounds(money, decimals: false) == Self.reference(money, decimals: false))
        }
    }

    private func pow10(_ exponent: Int) -> Int64 { (0..<exponent).reduce(1) { value, _ in value * 10 } }
}
