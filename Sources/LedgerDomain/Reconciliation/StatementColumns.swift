/// Where each role of SPEC 7 sits in a statement's header, however it was found (the standard
/// names, `auto`'s lists, or a mapping file), and how a record's cells become a row.
struct StatementColumns {
    enum Amounts {
        case signed(Int)
        case split(out: Int, in: Int)
    }

    struct Positions {
        let date: Int
        let description: Int
        let amounts: Amounts
        let reference: Int?
        let balance: Int?
    }

    let positions: Positions
    let dateForm: StatementDateForm

    static let required = ["date", "description", "amount"]
    static let optional = ["reference", "balance"]

    /// SPEC 7's own header: `date`, `description`, `amount`, optionally `reference` and
    /// `balance`, compared without case and surrounding spaces, in any order.
    static func standard(header: CSVRecord) throws(StatementError) -> Positions {
        var positions: [String: Int] = [:]
        for (index, field) in header.fields.enumerated() {
            let name = field.trimmingASCIIWhitespace().lowercasedASCII()
            guard required.contains(name) || optional.contains(name) else { continue }
            if positions[name] != nil {
                throw StatementError(line: header.line, .duplicateColumn, "the header names \"\(name)\" twice")
            }
            positions[name] = index
        }
        for name in required where positions[name] == nil {
            throw StatementError(line: header.line, .missingColumn,
                                 "the header has no \"\(name)\" column; a statement needs date, description and amount")
        }
        // Checked just above: the three required names are present.
        return Positions(date: positions["date"] ?? 0, description: positions["description"] ?? 0, amounts: .signed(positions["amount"] ?? 0),
                         reference: positions["reference"], balance: positions["balance"])
    }

    /// A mapping file's columns, matched exactly after trimming spaces.
    static func mapped(_ mapping: StatementMapping, header: CSVRecord) throws(StatementError) -> Positions {
        let names = header.fields.map { $0.trimmingASCIIWhitespace() }
        var missing: [String] = []
        func column(_ name: String?) -> Int? {
            guard let name else { return nil }
            guard let index = names.firstIndex(of: name) else {
                missing.append(name)
                return nil
            }
            return index
        }
        let date = column(mapping.date), description = column(mapping.description)
        let amounts: Amounts?
        switch mapping.amounts {
        case .signed(let name): amounts = column(name).map { .signed($0) }
        case .split(let out, let into):
            let outColumn = column(out), inColumn = column(into)
            amounts = outColumn.flatMap { out in inColumn.map { .split(out: out, in: $0) } }
        }
        let reference = column(mapping.reference), balance = column(mapping.balance)
        guard missing.isEmpty, let date, let description, let amounts else {
            throw StatementError(line: header.line, .missingColumn,
                                 "the header has no column \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) that the mapping file names")
        }
        return Positions(date: date, description: description, amounts: amounts, reference: reference, balance: balance)
    }

    /// The cells of `record` under these columns, trimmed; a short record has empty cells.
    func cell(_ index: Int, of record: CSVRecord) -> String {
        index < record.fields.count ? record.fields[index].trimmingASCIIWhitespace() : ""
    }

    func row(from record: CSVRecord) throws(StatementError) -> StatementRow {
        let dateText = cell(positions.date, of: record)
        guard let parsedDate = dateForm.date(dateText) else {
            throw StatementError(line: record.line, .badDate, "date \"\(dateText)\" is not a date \(dateForm.rawValue)")
        }
        let amount: Money
        switch positions.amounts {
        case .signed(let column):
            let text = cell(column, of: record)
            guard let parsed = StatementAmountCell.amount(text) else {
                throw StatementError(line: record.line, .badAmount,
                                     "amount \"\(text)\" is not an amount such as -12.50 (money out) or 40.00 (money in)")
            }
            amount = parsed
        case .split(let out, let into):
            amount = try splitAmount(out: cell(out, of: record), in: cell(into, of: record), line: record.line)
        }
        var parsedBalance: Money?
        if let balance = positions.balance, case let text = cell(balance, of: record), !text.isEmpty {
            guard let value = StatementAmountCell.amount(text) else {
                throw StatementError(line: record.line, .badBalance, "balance \"\(text)\" is not an amount such as 1250.00")
            }
            parsedBalance = value
        }
        let referenceText = positions.reference.map { cell($0, of: record) } ?? ""
        return StatementRow(line: record.line, date: parsedDate, description: cell(positions.description, of: record), amount: amount,
                            reference: referenceText.isEmpty ? nil : referenceText, balance: parsedBalance)
    }

    /// SPEC 7.1: exactly one of the two filled; the out column is money out whatever its sign,
    /// the in column money in.
    private func splitAmount(out: String, in into: String, line: Int) throws(StatementError) -> Money {
        switch (out.isEmpty, into.isEmpty) {
        case (false, false):
            throw StatementError(line: line, .badAmount, "both money out \"\(out)\" and money in \"\(into)\" are filled: a row is one or the other")
        case (true, true):
            throw StatementError(line: line, .badAmount, "neither money out nor money in is filled")
        case (false, true):
            guard let value = StatementAmountCell.amount(out) else {
                throw StatementError(line: line, .badAmount, "money out \"\(out)\" is not an amount such as 12.50")
            }
            return Money(pence: -abs(value.pence))
        case (true, false):
            guard let value = StatementAmountCell.amount(into) else {
                throw StatementError(line: line, .badAmount, "money in \"\(into)\" is not an amount such as 40.00")
            }
            return Money(pence: abs(value.pence))
        }
    }
}

extension String {
    /// Header names are ASCII words; other characters are left as they are.
    func lowercasedASCII() -> String {
        String(decoding: utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
