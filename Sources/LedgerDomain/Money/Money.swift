/// An amount of money in integer pence. Binary floating point never touches money.
///
/// Signed, because views may show negative balances and a variance may be negative;
/// amounts carried by events are always positive (or zero for a statement balance).
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let pence: Int64

    public static let zero = Money(pence: 0)
    /// SPEC 2: at most 10 digits before the point.
    public static let wholeDigitsMax = 10
    public static let fractionDigitsMax = 2
    /// The largest amount an event may carry under those limits: 9999999999.99.
    public static let eventAmountMax = Money(pence: 999_999_999_999)

    public init(pence: Int64) { self.pence = pence }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.pence < rhs.pence }

    /// Checked: nil when the result would not fit, so an overflow is reported, never wrapped.
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = pence.addingReportingOverflow(other.pence)
        return overflow ? nil : Money(pence: sum)
    }

    public func subtracting(_ other: Money) -> Money? {
        let (difference, overflow) = pence.subtractingReportingOverflow(other.pence)
        return overflow ? nil : Money(pence: difference)
    }

    public var negated: Money? { Money.zero.subtracting(self) }

    /// Always two decimals, `-` for negative amounts: `"1234.50"`, `"-12.00"`.
    public var description: String {
        let magnitude = pence.magnitude
        let pounds = magnitude / 100
        let remainder = magnitude % 100
        let sign = pence < 0 ? "-" : ""
        return remainder < 10 ? "\(sign)\(pounds).0\(remainder)" : "\(sign)\(pounds).\(remainder)"
    }
}
