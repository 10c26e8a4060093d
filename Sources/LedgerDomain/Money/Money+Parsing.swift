extension Money {
    /// Parses an event amount: a non-negative decimal with at most 10 digits before the point
    /// and at most two after it (`"12"`, `"12.5"`, `"1234.50"`). Nil for anything else.
    public init?(amount text: String) {
        var text = text
        guard let money = text.withUTF8({ Money(amountUTF8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = money
    }

    /// The same, from the text's UTF-8 bytes (decoding reads amounts straight from a line).
    public init?(amountUTF8 utf8: UnsafeRawBufferPointer) {
        var index = 0
        guard let value = Money.parseUnsigned(utf8, &index), index == utf8.count else { return nil }
        self.init(pence: value)
    }

    /// Parses a statement amount, which may carry a sign (`"-12.50"`, `"+40"`).
    public init?(signedAmount text: String) {
        var trimmed = text.trimmingASCIIWhitespace()
        let parsed: Int64? = trimmed.withUTF8 { buffer in
            let utf8 = UnsafeRawBufferPointer(buffer)
            var index = 0
            var negative = false
            if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
                negative = first == UInt8(ascii: "-")
                index = 1
            }
            guard let value = Money.parseUnsigned(utf8, &index), index == utf8.count else { return nil }
            return negative ? -value : value
        }
        guard let parsed else { return nil }
        self.init(pence: parsed)
    }

    /// Reads digits, then optionally a point and one or two digits, from `index` on.
    private static func parseUnsigned(_ utf8: UnsafeRawBufferPointer, _ index: inout Int) -> Int64? {
        guard let whole = digits(utf8, &index, atMost: wholeDigitsMax), whole.count > 0 else { return nil }
        var fraction: Int64 = 0
        if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
            index += 1
            guard let read = digits(utf8, &index, atMost: fractionDigitsMax), read.count > 0 else { return nil }
            fraction = read.count == 1 ? read.value * 10 : read.value
        }
        return whole.value * 100 + fraction
    }

    /// Reads a run of decimal digits from `index` on; nil when it is longer than `limit`.
    private static func digits(_ utf8: UnsafeRawBufferPointer, _ index: inout Int, atMost limit: Int) -> (value: Int64, count: Int)? {
        var value: Int64 = 0
        var count = 0
        while index < utf8.count, utf8[index] >= UInt8(ascii: "0"), utf8[index] <= UInt8(ascii: "9") {
            count += 1
            guard count <= limit else { return nil }
            value = value * 10 + Int64(utf8[index] - UInt8(ascii: "0"))
            index += 1
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
