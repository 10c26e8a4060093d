/// One row of a holder's bank or card statement (SPEC 7).
public struct StatementRow: Equatable, Sendable {
    /// The physical line of the file the row starts on.
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
    /// - Throws: `StatementError` naming the physical line.
    public static func parse(_ bytes: [UInt8], format: StatementFormat = .standard) throws(StatementError) -> Statement {
        let text = try StatementText.utf8(bytes)
        let (records, positions) = try header(of: text, format: format)
        guard let header = records.first else { preconditionFailure("a header was found") }
        let body = records.dropFirst()
        let dateForm: StatementDateForm
        if case .mapping(let mapping) = format, let declared = mapping.dateForm {
            dateForm = declared
        } else {
            let dates = body.map { $0.fields.indices.contains(positions.date) ? $0.fields[positions.date].trimmingASCIIWhitespace() : "" }
            guard let detected = StatementDateForm.detect(dates) else {
                let first = StatementDateForm.allCases[0]
                let failing = body.indices.first { first.date(dates[$0 - body.startIndex]) == nil } ?? body.startIndex
                let others = StatementDateForm.allCases.dropFirst().map(\.rawValue).joined(separator: ", ")
                throw StatementError(line: records[failing].line, .badDate,
                                     "date \"\(dates[failing - body.startIndex])\" is not a date \(first.rawValue), and no other form (\(others)) reads every row")
            }
            dateForm = detected
        }
        let columns = StatementColumns(positions: positions, dateForm: dateForm)
        var rows: [StatementRow] = []
        rows.reserveCapacity(body.count)
        for record in body { rows.append(try columns.row(from: record)) }
        assert(rows.allSatisfy { $0.line > header.line }, "rows follow their header")
        return Statement(rows: rows, hasBalanceColumn: positions.balance != nil)
    }

    /// The records from the header on, and where the header puts each role.
    private static func header(of text: [UInt8], format: StatementFormat) throws(StatementError) -> ([CSVRecord], StatementColumns.Positions) {
        switch format {
        case .standard:
            let records = try CSVReader.records(text)
            return (records, try StatementColumns.standard(header: try first(of: records)))
        case .mapping(let mapping):
            let records = try CSVReader.records(text, delimiter: mapping.delimiter, skippingLines: mapping.skipLines)
            return (records, try StatementColumns.mapped(mapping, header: try first(of: records)))
        case .auto:
            let lines = CSVReader.leadingLines(text, count: StatementFormat.autoHeaderLinesMax)
            for (index, line) in lines.enumerated() {
                // The delimiter that splits this line into the most columns; on a tie, `,` then `;`.
                var best: (delimiter: UInt8, fields: [String])?
                for delimiter in CSVReader.delimiters {
                    guard let fields = CSVReader.fields(ofLine: line, delimiter: delimiter) else { continue }
                    if fields.count > (best?.fields.count ?? 0) { best = (delimiter, fields) }
                }
                guard let best, let placed = StatementHeaderNames.place(best.fields) else { continue }
                let records = try CSVReader.records(text, delimiter: best.delimiter, skippingLines: index)
                let header = try first(of: records)
                assert(header.line == index + 1, "the header line is not blank")
                guard placed.hasDescription else {
                    throw StatementError(line: header.line, .missingColumn,
                                         "the header \"\(String(decoding: line, as: UTF8.self))\" has no description column (one of: \(StatementHeaderNames.description.joined(separator: ", ")))")
                }
                return (records, placed.columns)
            }
            guard let (index, line) = lines.enumerated().first(where: { !String(decoding: $0.element, as: UTF8.self).trimmingASCIIWhitespace().isEmpty }) else {
                throw StatementError(line: 1, .missingColumn, "the statement is empty: it needs a header row naming date, description and amount")
            }
            throw StatementError(line: index + 1, .missingColumn,
                                 "no header in the first \(StatementFormat.autoHeaderLinesMax) lines names a date column and an amount column (or money out and money in); "
                                 + "the first line reads \"\(String(decoding: line, as: UTF8.self))\": name the columns with --format FILE.json")
        }
    }

    private static func first(of records: [CSVRecord]) throws(StatementError) -> CSVRecord {
        guard let header = records.first else {
            throw StatementError(line: 1, .missingColumn, "the statement is empty: it needs a header row naming date, description and amount")
        }
        return header
    }
}
