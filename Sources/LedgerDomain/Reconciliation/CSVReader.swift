/// One record of a CSV file with the physical line it starts on (the header is line 1).
public struct CSVRecord: Equatable, Sendable {
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// Splits CSV text into records as RFC 4180 defines them: fields separated by commas, records
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

    public static func records(_ bytes: [UInt8]) throws(StatementError) -> [CSVRecord] {
        guard bytes.count <= bytesMax else {
            throw StatementError(line: 1, .tooLarge, "the statement is larger than \(bytesMax >> 20) MiB")
        }
        var scanner = Scanner(bytes: bytes)
        var records: [CSVRecord] = []
        while let record = try scanner.nextRecord() {
            if !record.fields.allSatisfy({ $0.trimmingASCIIWhitespace().isEmpty }) { records.append(record) }
        }
        return records
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
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
                if separator == comma { continue }
                consumeLineBreak(after: separator)
                break
            }
            return CSVRecord(line: start, fields: fields)
        }

        /// Reads one field and stops on the comma, line break or end that follows it.
        private mutating func nextField() throws(StatementError) -> String {
            var field: [UInt8] = []
            guard index < bytes.count, bytes[index] == quote else {
                while index < bytes.count, bytes[index] != comma, !isLineBreak(bytes[index]) {
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
            if index < bytes.count, bytes[index] != comma, !isLineBreak(bytes[index]) {
                throw StatementError(line: line, .characterAfterQuote,
                                     "a closing quote must be followed by a comma or the end of the line (write a quote inside a quoted field as \"\")")
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

private let comma = UInt8(ascii: ",")
private let quote = UInt8(ascii: "\"")
private let lineFeed = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
