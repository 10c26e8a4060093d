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
        var whole: Int64 = 0
        var wholeDigits = 0
        while let byte = utf8.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            wholeDigits += 1
            guard wholeDigits <= wholeDigitsMax else { return nil }
            whole = whole * 10 + Int64(byte - UInt8(ascii: "0"))
            utf8 = utf8.dropFirst()
        }
        guard wholeDigits > 0 else { return nil }
        var fraction: Int64 = 0
        if utf8.first == UInt8(ascii: ".") {
            utf8 = utf8.dropFirst()
            var fractionDigits = 0
            while let byte = utf8.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                fractionDigits += 1
                guard fractionDigits <= fractionDigitsMax else { return nil }
                fraction = fraction * 10 + Int64(byte - UInt8(ascii: "0"))
                utf8 = utf8.dropFirst()
            }
            guard fractionDigits > 0 else { return nil }
            if fractionDigits == 1 { fraction *= 10 }
        }
        return whole * 100 + fraction
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
