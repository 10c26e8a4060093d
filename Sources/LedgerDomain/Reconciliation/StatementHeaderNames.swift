/// The header names `--format auto` knows (SPEC 7.1), compared without regard to case, spaces
/// or punctuation (`Amount (GBP)` is `amountgbp`). In each list the earlier name wins, then the
/// leftmost column.
enum StatementHeaderNames {
    static let date = ["date", "transaction date", "posting date", "value date"]
    static let description = ["description", "details", "transaction description", "narrative", "merchant", "name", "counter party", "payee"]
    static let amount = ["amount", "amount (gbp)", "value"]
    static let outInPairs = [("paid out", "paid in"), ("money out", "money in"), ("debit", "credit"),
                             ("debit amount", "credit amount"), ("withdrawals", "deposits")]
    static let reference = ["reference", "ref"]
    static let balance = ["balance", "running balance", "balance (gbp)"]

    /// Lower-case letters and digits only.
    static func comparable(_ name: String) -> String {
        String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }

    /// The columns of `header`, if it names a date column and an amount column or an out/in
    /// pair; the description may still be missing (the caller names the header then).
    static func place(_ header: [String]) -> (columns: StatementColumns.Positions, hasDescription: Bool)? {
        let names = header.map(comparable)
        func column(_ candidates: [String]) -> Int? {
            for candidate in candidates.map(comparable) {
                if let index = names.firstIndex(of: candidate) { return index }
            }
            return nil
        }
        guard let date = column(date) else { return nil }
        let amounts: StatementColumns.Amounts
        if let amount = column(amount) {
            amounts = .signed(amount)
        } else if let pair = outInPairs.lazy.compactMap({ pair in column([pair.0]).flatMap { out in column([pair.1]).map { (out, $0) } } }).first {
            amounts = .split(out: pair.0, in: pair.1)
        } else {
            return nil
        }
        let description = column(description)
        return (StatementColumns.Positions(date: date, description: description ?? date, amounts: amounts,
                                           reference: column(reference), balance: column(balance)),
                description != nil)
    }
}
