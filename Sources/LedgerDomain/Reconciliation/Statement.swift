/// One row of a holder's bank or card statement (SPEC 7).
public struct StatementRow: Equatable, Sendable {
    /// The physical line the row starts on; the header is line 1.
    public let line: Int
    public let date: CalendarDate
    public let description: String
    /// Signed: negative is money out of the account, positive money in.
    public let amount: Money
    public let reference: String?
    /// The account balance after the row, when the file has a balance column and the cell is filled.
    public let balance: Money?

    public init(line: Int, date: CalendarDate, description: String, amount: Money, reference: String? = nil, balance: Money? = nil) {
        self.line = line
        self.date = date
        self.description = description
        self.amount = amount
        self.reference = reference
        self.balance = balance
    }
}

/// A statement read from CSV: its rows in file order, every one of them well formed.
public struct Statement: Equatable, Sendable {
    public let rows: [StatementRow]
    /// Whether the header names a `balance` column: it decides how the closing balance is found.
    public let hasBalanceColumn: Bool

    public init(rows: [StatementRow], hasBalanceColumn: Bool) {
        self.rows = rows
        self.hasBalanceColumn = hasBalanceColumn
    }

    /// Reads a whole statement; the first malformed row stops it, so nothing is half-read.
    /// - Throws: `StatementError` naming the line.
    public static func parse(_ bytes: [UInt8]) throws(StatementError) -> Statement {
        let records = try CSVReader.records(bytes)
        guard let header = records.first else {
            throw StatementError(line: 1, .missingColumn, "the statement is empty: it needs a header row naming date, description and amount")
        }
        let columns = try StatementColumns(header: header)
        var rows: [StatementRow] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() { rows.append(try columns.row(from: record)) }
        return Statement(rows: rows, hasBalanceColumn: columns.balance != nil)
    }
}

/// Where each column SPEC 7 names sits in the header; any order, other columns ignored.
/// Names are compared without case and surrounding spaces, as banks write `Date` or ` Amount`.
struct StatementColumns {
    let date: Int
    let description: Int
    let amount: Int
    let reference: Int?
    let balance: Int?

    static let required = ["date", "description", "amount"]
    static let optional = ["reference", "balance"]

    init(header: CSVRecord) throws(StatementError) {
        var positions: [String: Int] = [:]
        for (index, field) in header.fields.enumerated() {
            let name = field.trimmingASCIIWhitespace().lowercasedASCII()
            guard StatementColumns.required.contains(name) || StatementColumns.optional.contains(name) else { continue }
            if positions[name] != nil {
                throw StatementError(line: header.line, .duplicateColumn, "the header names \"\(name)\" twice")
            }
            positions[name] = index
        }
        for name in StatementColumns.required where positions[name] == nil {
            throw StatementError(line: header.line, .missingColumn,
                                 "the header has no \"\(name)\" column; a statement needs date, description and amount")
        }
        date = positions["date"]!
        description = positions["description"]!
        amount = positions["amount"]!
        reference = positions["reference"]
        balance = positions["balance"]
    }

    func row(from record: CSVRecord) throws(StatementError) -> StatementRow {
        func cell(_ index: Int) -> String {
            index < record.fields.count ? record.fields[index].trimmingASCIIWhitespace() : ""
        }
        let dateText = cell(date), amountText = cell(amount)
        guard let parsedDate = CalendarDate(iso: dateText) else {
            throw StatementError(line: record.line, .badDate, "date \"\(dateText)\" is not a date YYYY-MM-DD")
        }
        guard let parsedAmount = Money(signedAmount: amountText) else {
            throw StatementError(line: record.line, .badAmount,
                                 "amount \"\(amountText)\" is not an amount such as -12.50 (money out) or 40.00 (money in)")
        }
        var parsedBalance: Money?
        if let balance, !cell(balance).isEmpty {
            guard let value = Money(signedAmount: cell(balance)) else {
                throw StatementError(line: record.line, .badBalance, "balance \"\(cell(balance))\" is not an amount such as 1250.00")
            }
            parsedBalance = value
        }
        let referenceText = reference.map(cell) ?? ""
        return StatementRow(line: record.line, date: parsedDate, description: cell(description), amount: parsedAmount,
                            reference: referenceText.isEmpty ? nil : referenceText, balance: parsedBalance)
    }
}

extension String {
    /// Header names are ASCII words; other characters are left as they are.
    func lowercasedASCII() -> String {
        String(decoding: utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
