/// An amount as statements write it (SPEC 7.1): a decimal with at most two places and at most
/// 10 digits before the point, optionally with thousands separators (`1,234.50`), a leading `£`
/// (before or after the sign: `-£5` and `£-5` are both −5.00), a leading `-` or `+`, surrounding
/// parentheses (money out) or a trailing `DR` (money out) or `CR` (money in). A sign together
/// with parentheses or DR/CR, or parentheses with DR/CR, would be a guess: refused.
public enum StatementAmountCell {
    /// The signed amount; nil when the cell is not an amount.
    public static func amount(_ cell: String) -> Money? {
        var text = Substring(cell.trimmingASCIIWhitespace())
        var negative = false, marked = false
        if text.hasPrefix("("), text.hasSuffix(")"), text.count >= 2 {
            text = text.dropFirst().dropLast()
            negative = true
            marked = true
        }
        let upper = String(text).uppercased()
        if upper.hasSuffix("DR") || upper.hasSuffix("CR") {
            guard !marked else { return nil }
            negative = upper.hasSuffix("DR")
            marked = true
            text = Substring(String(text.dropLast(2)).trimmingASCIIWhitespace())
        }
        if text.hasPrefix("£") { text = text.dropFirst() }
        if let sign = text.first, sign == "-" || sign == "+" {
            guard !marked else { return nil }
            negative = sign == "-"
            text = text.dropFirst()
            if text.hasPrefix("£") { text = text.dropFirst() }
        }
        guard let digits = withoutThousandsSeparators(text), let magnitude = Money(amount: digits) else { return nil }
        return negative ? Money(pence: -magnitude.pence) : magnitude
    }

    /// `1,234,567.89` → `1234567.89`; separators must group the whole part by threes.
    private static func withoutThousandsSeparators(_ text: Substring) -> String? {
        guard text.contains(",") else { return String(text) }
        let whole = text.prefix { $0 != "." }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return groups.joined() + text.dropFirst(whole.count)
    }
}
