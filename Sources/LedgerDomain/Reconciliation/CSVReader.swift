/// One record of a CSV file with the physical line it starts on (the header is line 1).
public struct CSVRecord: Equatable, Sendable {
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// Splits CSV text into records as RFC 4180 defines them: fields separated by commas (or the
/// `delimiter` a statement format names: `;` or tab), records
/// by CRLF (LF or a lone CR are accepted too, as spreadsheets write them), a field in double
/// quotes may hold commas, line breaks and doubled quotes (`""` is one `"`).
///
/// Lenient where banks' exports differ and nothing is lost: a UTF-8 byte order mark is skipped,
/// records may have fewer or more fields than the header, and a record that is empty (or only
/// commas and spaces) is skipped but still counted in the line numbers.
/// Strict where the meaning would be guessed: a quote left open to the end of the file, or a
/// character after a closing quote other than a comma or line break, is an error.
public enum CSVReader {
    /// Larger files are refused rather than held: a year's statement is a few hundred kilobytes.
    public static let bytesMax = 16 << 20

    /// The delimiters SPEC 7.1 knows, in the order `auto` prefers them on a tie.
    public static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

    /// - Parameters:
    ///   - delimiter: one of `delimiters`.
    ///   - skippingLines: physical lines before the first record (a preamble): not read, but counted.
    public static func records(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), skippingLines: Int = 0) throws(StatementError) -> [CSVRecord] {
        guard bytes.count <= bytesMax else {
            throw StatementError(line: 1, .tooLarge, "the statement is larger than \(bytesMax >> 20) MiB")
        }
        precondition(delimiters.contains(delimiter), "formats only name , ; or tab")
        var scanner = Scanner(bytes: bytes, delimiter: delimiter)
        scanner.skip(lines: skippingLines)
        var records: [CSVRecord] = []
        while let record = try scanner.nextRecord() {
            if !record.fields.allSatisfy({ $0.trimmingASCIIWhitespace().isEmpty }) { records.append(record) }
        }
        return records
    }

    /// The first `count` physical lines, each without its line break, quotes left as they are:
    /// where `auto` looks for the header (SPEC 7.1).
    public static func leadingLines(_ bytes: [UInt8], count: Int) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, lines.count < count {
            let byte = bytes[index]
            index += 1
            guard byte == lineFeed || byte == carriageReturn else {
                current.append(byte)
                continue
            }
            if byte == carriageReturn, index < bytes.count, bytes[index] == lineFeed { index += 1 }
            lines.append(current)
            current = []
        }
        if lines.count < count, !current.isEmpty { lines.append(current) }
        return lines
    }

    /// One line's fields under `delimiter`, quotes honoured; nil when a quote is left open.
    public static func fields(ofLine line: [UInt8], delimiter: UInt8) -> [String]? {
        guard let records = try? records(line, delimiter: delimiter) else { return nil }
        return records.first?.fields ?? []
    }

    private struct Scanner {
        let bytes: [UInt8]
        let delimiter: UInt8
        var index = 0
        var line = 1

        init(bytes: [UInt8], delimiter: UInt8) {
            self.bytes = bytes
            self.delimiter = delimiter
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        /// Passes over whole physical lines, whatever they hold.
        mutating func skip(lines count: Int) {
            while line <= count, index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == lineFeed || byte == carriageReturn {
                    if byte == carriageReturn, index < bytes.count, bytes[index] == lineFeed { index += 1 }
                    line += 1
                }
            }
        }

        /// The next record, or nil at the end of the input.
        mutating func nextRecord() throws(StatementError) -> CSVRecord? {
            guard index < bytes.count else { return nil }
            let start = line
            var fields: [String] = []
            while true {
                fields.append(try nextField())
                guard index < bytes.count else { break }
                let separator = bytes[index]
                index += 1
                if separator == delimiter { continue }
                consumeLineBreak(after: separator)
                break
            }
            return CSVRecord(line: start, fields: fields)
        }

        /// Reads one field and stops on the comma, line break or end that follows it.
        private mutating func nextField() throws(StatementError) -> String {
            var field: [UInt8] = []
            guard index < bytes.count, bytes[index] == quote else {
                while index < bytes.count, bytes[index] != delimiter, !isLineBreak(bytes[index]) {
                    field.append(bytes[index])
                    index += 1
                }
                return String(decoding: field, as: UTF8.self)
            }
            let opened = line
            index += 1
            while true {
                guard index < bytes.count else {
                    throw StatementError(line: opened, .unterminatedQuote, "a quoted field opened on this line is never closed")
                }
                let byte = bytes[index]
                index += 1
                if byte == quote {
                    guard index < bytes.count, bytes[index] == quote else { break }
                    index += 1  // a doubled quote stands for one
                } else if isLineBreak(byte) {
                    consumeLineBreak(after: byte, keepingIn: &field)
                    continue
                }
                field.append(byte)
            }
            if index < bytes.count, bytes[index] != delimiter, !isLineBreak(bytes[index]) {
                throw StatementError(line: line, .characterAfterQuote,
                                     "a closing quote must be followed by the delimiter or the end of the line (write a quote inside a quoted field as \"\")")
            }
            return String(decoding: field, as: UTF8.self)
        }

        /// Counts one line break: CRLF is one, as are a lone LF or CR.
        private mutating func consumeLineBreak(after byte: UInt8) {
            var ignored: [UInt8] = []
            consumeLineBreak(after: byte, keepingIn: &ignored)
        }

        private mutating func consumeLineBreak(after byte: UInt8, keepingIn field: inout [UInt8]) {
            field.append(byte)
            if byte == carriageReturn, index < bytes.count, bytes[index] == lineFeed {
                field.append(lineFeed)
                index += 1
            }
            line += 1
        }

        private func isLineBreak(_ byte: UInt8) -> Bool { byte == lineFeed || byte == carriageReturn }
    }
}

private let quote = UInt8(ascii: "\"")
private let lineFeed = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
