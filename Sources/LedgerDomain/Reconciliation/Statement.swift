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
