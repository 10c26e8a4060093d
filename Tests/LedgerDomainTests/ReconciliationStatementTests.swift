import Testing
@testable import LedgerDomain

@Suite("Statement: SPEC 7 columns in any order, and malformed rows named by line")
struct ReconciliationStatementTests: ReconciliationTesting {
    @Test("columns in any order, names without case or padding, other columns ignored")
    func anyColumnOrder() throws {
        let parsed = try statement(" Balance ,Type,AMOUNT,Reference,Description,Date\r\n1234.50,DR,-12.5,INV-1,\"Tesco, Kings Road\",2025-04-03\r\n")
        #expect(parsed.hasBalanceColumn)
        #expect(parsed.rows == [StatementRow(line: 2, date: day("2025-04-03"), description: "Tesco, Kings Road", amount: money("-12.50"),
                                             reference: "INV-1", balance: money("1234.50"))])
    }

    @Test("reference and balance are optional; empty cells are none")
    func optionalColumns() throws {
        let without = try statement("date,description,amount\n2025-04-03,Card,+40\n")
        #expect(!without.hasBalanceColumn)
        #expect(without.rows.first?.reference == nil)
        #expect(without.rows.first?.amount == money("40.00"))
        let empty = try statement("date,description,amount,reference,balance\n2025-04-03,Card,-1, ,\n")
        #expect(empty.rows.first?.reference == nil)
        #expect(empty.rows.first?.balance == nil)
        #expect(empty.hasBalanceColumn)
    }

    @Test("a header row without all of date, description and amount is an error on line 1")
    func missingColumn() throws {
        let error = #expect(throws: StatementError.self) { try statement("Date,Details,Amount\n2025-04-03,Card,-1\n") }
        #expect(error?.description == #"line 1: the header has no "description" column; a statement needs date, description and amount"#)
        #expect(error?.kind == .missingColumn)
    }

    @Test("an empty file has no header")
    func emptyFile() throws {
        let error = #expect(throws: StatementError.self) { try statement("\n\n") }
        #expect(error?.kind == .missingColumn)
        #expect(error?.line == 1)
    }

    @Test("a column named twice is ambiguous")
    func duplicateColumn() throws {
        let error = #expect(throws: StatementError.self) { try statement("date,description,amount,Amount\n") }
        #expect(error?.kind == .duplicateColumn)
    }

    /// SPEC 7.1: a file whose dates fit no single form is refused on the first line the first
    /// form (YYYY-MM-DD) fails on; one-digit days and months are allowed.
    @Test("dates fit one form for the whole file, and are real", arguments: ["03/04/2025", "2025-02-29", "2025-13-3", ""])
    func badDate(_ text: String) throws {
        let error = #expect(throws: StatementError.self) { try statement("date,description,amount\n2025-04-01,ok,-1\n\(text),Card,-1\n") }
        #expect(error?.description == "line 3: date \"\(text)\" is not a date YYYY-MM-DD, and no other form (DD/MM/YYYY, DD-MM-YYYY, DD Mon YYYY, DD-Mon-YYYY, DD-Mon-YY) reads every row")
    }

    @Test("amounts are signed decimals with at most two places", arguments: ["£12.00.5", "12.345", "1,23.00", "", "12,", "- 5", "12345678901"])
    func badAmount(_ text: String) throws {
        let cell = text.contains(",") ? "\"\(text)\"" : text
        let error = #expect(throws: StatementError.self) { try statement("date,description,amount\n2025-04-01,Card,\(cell)\n") }
        #expect(error?.kind == .badAmount)
        #expect(error?.description == "line 2: amount \"\(text)\" is not an amount such as -12.50 (money out) or 40.00 (money in)")
    }

    @Test("a filled balance cell must be an amount; a negative one (overdrawn) is one")
    func balanceCell() throws {
        #expect(try statement("date,description,amount,balance\n2025-04-01,Card,-1,-3.00\n").rows.first?.balance == money("-3.00"))
        let error = #expect(throws: StatementError.self) { try statement("date,description,amount,balance\n2025-04-01,Card,-1,n/a\n") }
        #expect(error?.kind == .badBalance)
        #expect(error?.line == 2)
    }

    @Test("a short row has empty cells, which fail as the value they should hold")
    func shortRow() throws {
        let error = #expect(throws: StatementError.self) { try statement("date,description,amount\n2025-04-01,Card\n") }
        #expect(error?.kind == .badAmount)
    }

    @Test("the first malformed row stops the statement, after rows that were fine")
    func firstErrorWins() throws {
        let error = #expect(throws: StatementError.self) {
            try statement("date,description,amount\n2025-04-01,\"two\nlines\",-1\n2025-13-01,Card,x\n2025-04-02,Card,y\n")
        }
        #expect(error?.kind == .badDate)
        #expect(error?.line == 4)
    }
}
