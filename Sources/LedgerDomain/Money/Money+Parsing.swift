extension Money {
    /// Parses an event amount: a non-negative decimal with at most 10 digits before the point
    /// and at most two after it (`"12"`, `"12.5"`, `"1234.50"`). Nil for anything else.
    public init?(amount text: String) {
        var utf8 = text.utf8[...]
        guard let value = Money.parseUnsigned(&utf8), utf8.isEmpty else { return nil }
        self.init(pence: value)
    }

    /// Parses a statement amount, which may carry a sign (`"-12.50"`, `"+40"`).
    public init?(signedAmount text: String) {
        var utf8 = text.trimmingASCIIWhitespace().utf8[...]
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        guard let value = Money.parseUnsigned(&utf8), utf8.isEmpty else { return nil }
        self.init(pence: negative ? -value : value)
    }

    private static func parseUnsigned(_ utf8: inout Substring.UTF8View) -> Int64? {
        guard let whole = digits(&utf8, atMost: wholeDigitsMax), whole.count > 0 else { return nil }
        var fraction: Int64 = 0
        if utf8.first == UInt8(ascii: ".") {
            utf8 = utf8.dropFirst()
            guard let read = digits(&utf8, atMost: fractionDigitsMax), read.count > 0 else { return nil }
            fraction = read.count == 1 ? read.value * 10 : read.value
        }
        return whole.value * 100 + fraction
    }

    /// Reads a run of decimal digits; nil when it is longer than `limit`.
    private static func digits(_ utf8: inout Substring.UTF8View, atMost limit: Int) -> (value: Int64, count: Int)? {
        var value: Int64 = 0
        var count = 0
        while let byte = utf8.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            count += 1
            guard count <= limit else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            utf8 = utf8.dropFirst()
        }
        return (value, count)
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
