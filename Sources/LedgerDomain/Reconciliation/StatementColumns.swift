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
