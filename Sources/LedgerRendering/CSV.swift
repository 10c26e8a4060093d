import LedgerDomain

/// One cell of a CSV row, typed so that the writer knows what it may defuse. Numbers can only
/// be made from numbers, so outside text never reaches a CSV file undefused.
public struct CSVCell: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Text that may come from outside (ids, names, descriptions, anything the ledger did
        /// not compute): quoted when needed and defused against spreadsheet formulas.
        case text
        /// An amount or a count, written as a plain number: `-12.00` stays a negative number.
        case number
    }

    public let kind: Kind
    /// The cell's value as shown, before quoting.
    public let value: String

    private init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    public static func text(_ value: String) -> CSVCell { CSVCell(.text, value) }
    public static func money(_ amount: Money) -> CSVCell { CSVCell(.number, amount.description) }
    public static func integer(_ number: some BinaryInteger) -> CSVCell { CSVCell(.number, String(number)) }
    /// An empty cell (a value that does not apply to this row).
    public static let empty = CSVCell.text("")
}

/// The one CSV writer of the ledger (RFC 4180), for every `--csv` output.
///
/// Quoting looks at each byte, never at `Character`s: a prepend or combining mark glued to a
/// comma or a line break makes one `Character` that equals neither, yet a spreadsheet splits on
/// it. Text cells starting with `=`, `+`, `-`, `@`, tab or carriage return get a leading `'`
/// (OWASP "CSV injection"), so a payee such as `=HYPERLINK(…)` arrives as text, not a formula.
///
/// ```swift
/// CSV.row([.text("=SUM(1)"), .money(Money(pence: -1200)), .text("a,b")])  // '=SUM(1),-12.00,"a,b"
/// ```
public enum CSV {
    /// The first characters that make a spreadsheet read a cell as a formula.
    public static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    /// The bytes that force a cell into quotes: comma, quote, carriage return, line feed.
    public static let quotedBytes: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0D, 0x0A]

    /// A row's bytes with the line break (`\n`) that ends it.
    public static func line(_ row: String) -> [UInt8] { Array(row.utf8) + [0x0A] }

    /// A header row: every header is text.
    public static func header(_ names: [String]) -> String { row(names.map(CSVCell.text)) }

    /// One row, without the line break.
    public static func row(_ cells: [CSVCell]) -> String {
        cells.map(field).joined(separator: ",")
    }

    /// One cell as written: defused and quoted when it is text that needs it.
    public static func field(_ cell: CSVCell) -> String {
        switch cell.kind {
        case .number: return cell.value
        case .text:
            var bytes = Array(cell.value.utf8)
            if let first = bytes.first, formulaStarts.contains(first) { bytes.insert(UInt8(ascii: "'"), at: 0) }
            guard bytes.contains(where: quotedBytes.contains) else { return String(decoding: bytes, as: UTF8.self) }
            var quoted: [UInt8] = [UInt8(ascii: "\"")]
            for byte in bytes {
                quoted.append(byte)
                if byte == UInt8(ascii: "\"") { quoted.append(byte) }
            }
            quoted.append(UInt8(ascii: "\""))
            return String(decoding: quoted, as: UTF8.self)
        }
    }
}
