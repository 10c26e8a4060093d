import Testing
@testable import LedgerDomain

/// SPEC 7.1 by hand: encodings, the header `auto` finds, date forms, amount cells, out/in
/// columns and mapping files, each refusal naming its physical line (or the mapping's key).
@Suite("Statement formats (SPEC 7.1)")
struct ReconciliationFormatTests: ReconciliationTesting {
    private func parse(_ text: String, _ format: StatementFormat = .auto) throws -> Statement {
        try Statement.parse(Array(text.utf8), format: format)
    }

    private func mapping(_ json: String) throws -> StatementFormat { .mapping(try StatementMapping.parse(Array(json.utf8))) }

    @Test("amount cells: £, thousands, signs, parentheses, DR and CR", arguments: [
        ("-12.50", "-12.50"), ("+5", "5.00"), ("£5", "5.00"), ("-£5", "-5.00"), ("£-5", "-5.00"), ("(£1,234.50)", "-1234.50"),
        ("1,234,567.89", "1234567.89"), ("12.50 DR", "-12.50"), ("12.50CR", "12.50"), ("£1,000 dr", "-1000.00"), ("(7)", "-7.00"),
    ])
    func amountCells(_ cell: String, _ expected: String) {
        #expect(StatementAmountCell.amount(cell) == money(expected))
    }

    @Test("a sign with parentheses or DR/CR, misplaced separators, more than two places: not amounts",
          arguments: ["-(5)", "(-5)", "-5 DR", "+5CR", "(5) CR", "1,23.00", "12,345,67", ",123", "12.345", "£", "££5", "5£", "12345678901", "1 234"])
    func badAmountCells(_ cell: String) {
        #expect(StatementAmountCell.amount(cell) == nil)
    }

    @Test("date forms, one-digit days and months, English month names in any case, Sept, 20YY", arguments: [
        ("2026-03-31", "YYYY-MM-DD"), ("2026-3-1", "YYYY-MM-DD"), ("31/03/2026", "DD/MM/YYYY"), ("1/3/2026", "DD/MM/YYYY"),
        ("31-03-2026", "DD-MM-YYYY"), ("31 Mar 2026", "DD Mon YYYY"), ("1 sept 2026", "DD Mon YYYY"), ("07-FEB-2026", "DD-Mon-YYYY"),
        ("07-Feb-26", "DD-Mon-YY"),
    ])
    func dateForms(_ text: String, _ form: String) throws {
        let detected = try #require(StatementDateForm.detect([text]))
        #expect(detected.rawValue == form)
        #expect(detected.date(text) != nil)
    }

    @Test("the first form that reads every row wins; none: refused on the first line the first form fails")
    func dateDetection() throws {
        #expect(StatementDateForm.detect(["01/02/2026", "13/02/2026"]) == .daySlashMonthSlashYear)
        #expect(StatementDateForm.detect(["30/02/2026"]) == nil)  // no such day in any form
        let error = #expect(throws: StatementError.self) { try parse("Date,Description,Amount\n2026-02-01,a,-1\n03/02/2026,b,-1\n") }
        #expect(error?.line == 3)
        #expect(error?.kind == .badDate)
    }

    @Test("auto skips a preamble, takes the delimiter giving most columns, and numbers rows by physical line")
    func autoHeader() throws {
        let text = "Prepaid card statement\nAccount name:;Someone\n\nTransaction Date;Merchant;Debit;Credit;Ref\n07-Feb-26;CAFE;3,50;;\n"
        // `;` gives the header five columns, `,` one: the cell 3,50 is one cell (and not an amount).
        let error = #expect(throws: StatementError.self) { try parse(text) }
        #expect(error?.line == 5)
        #expect(error?.kind == .badAmount)
        let parsed = try parse(text.replacingOccurrences(of: "3,50", with: "3.50"))
        #expect(parsed.rows == [StatementRow(line: 5, date: day("2026-02-07"), description: "CAFE", amount: money("-3.50"))])
    }

    @Test("auto's names: the earlier in its list wins, then the leftmost; amount before an out/in pair")
    func autoNames() throws {
        let parsed = try parse("Narrative,Details,Value Date,Date,Debit,Credit,Amount (GBP),Running Balance\n"
                               + "x,kept,2026-01-01,2026-01-02,1,,-4.00,10\n")
        #expect(parsed.rows == [StatementRow(line: 2, date: day("2026-01-02"), description: "kept", amount: money("-4.00"), balance: money("10"))])
        #expect(parsed.hasBalanceColumn)
    }

    @Test("out/in columns: out is money out whatever its sign; both or neither filled is an error naming the line")
    func outInColumns() throws {
        let parsed = try parse("Date,Description,Money Out,Money In\n01/02/2026,a,-5.00,\n02/02/2026,b,,£7\n03/02/2026,c,3.00 DR,\n")
        #expect(parsed.rows.map(\.amount) == [money("-5"), money("7"), money("-3")])
        for bad in ["04/02/2026,d,1,2", "04/02/2026,d,,"] {
            let error = #expect(throws: StatementError.self) { try parse("Date,Description,Money Out,Money In\n01/02/2026,a,-5.00,\n\(bad)\n") }
            #expect(error?.line == 3)
            #expect(error?.kind == .badAmount)
        }
    }

    @Test("a header auto cannot place is named; one without a description column too")
    func unplaceableHeader() throws {
        let none = #expect(throws: StatementError.self) { try parse("\nWhen,What,How much\n2026-01-01,a,1\n") }
        #expect(none?.line == 2)
        #expect(none?.message.contains("\"When,What,How much\"") == true)
        let noDescription = #expect(throws: StatementError.self) { try parse("Date,Amount\n2026-01-01,1\n") }
        #expect(noDescription?.line == 1)
        #expect(noDescription?.kind == .missingColumn)
    }

    @Test("UTF-8 with or without a BOM; Windows-1252 where not UTF-8 (£ is A3); a byte neither defines names its line")
    func encodings() throws {
        let body = Array("Date,Description,Amount\n01/02/2026,CAFE,".utf8)
        let windows = try Statement.parse(body + [0xA3] + Array("3.50\n".utf8), format: .auto)
        #expect(windows.rows.first?.amount == money("3.50"))
        let bom = try Statement.parse([0xEF, 0xBB, 0xBF] + body + Array("£3.50\n".utf8), format: .auto)
        #expect(bom.rows.first?.amount == money("3.50"))
        let error = #expect(throws: StatementError.self) {
            try Statement.parse(body + Array("-1\n02/02/2026,".utf8) + [0x81] + Array(",-1\n".utf8), format: .auto)
        }
        #expect(error?.line == 3)
        #expect(error?.kind == .badEncoding)
    }

    @Test("a mapping file: exact names after trimming, skip_lines, delimiter, date_format")
    func mappingFile() throws {
        let format = try mapping(#"{"date":" Txn Date ","date_format":"DD-MM-YYYY","description":"Memo","amount":"Amt","skip_lines":2,"delimiter":";"}"#)
        let parsed = try parse("Bank plc\nAccount 1\nTxn Date;Memo;Amt\n01-02-2026;CAFE;-3.50\n", format)
        #expect(parsed.rows == [StatementRow(line: 4, date: day("2026-02-01"), description: "CAFE", amount: money("-3.50"))])
        // A declared date form is not second-guessed: 2026-02-01 is not DD-MM-YYYY.
        let error = #expect(throws: StatementError.self) { try parse("x\ny\nTxn Date;Memo;Amt\n2026-02-01;CAFE;-3.50\n", format) }
        #expect(error?.description == #"line 4: date "2026-02-01" is not a date DD-MM-YYYY"#)
        // Columns the file lacks are named.
        let missing = #expect(throws: StatementError.self) { try parse("x\ny\nTxn Date;Details;Amount\n", format) }
        #expect(missing?.description == #"line 3: the header has no column "Memo", "Amt" that the mapping file names"#)
    }

    @Test("a mapping file is checked when read: the key at fault is named", arguments: [
        (#"{"date":"D","description":"X","amount":"A","colour":"red"}"#, "unknown key \"colour\""),
        (#"{"description":"X","amount":"A"}"#, "has no \"date\" key"),
        (#"{"date":"D","description":"X"}"#, "has no \"amount\" key"),
        (#"{"date":"D","description":"X","paid_out":"O"}"#, "only one of \"paid_out\" and \"paid_in\""),
        (#"{"date":"D","description":"X","amount":"A","paid_out":"O","paid_in":"I"}"#, "names \"amount\" and \"paid_out\""),
        (#"{"date":"D","description":"X","amount":"A","date_format":"MM/DD/YYYY"}"#, "\"date_format\" is \"MM/DD/YYYY\""),
        (#"{"date":"D","description":"X","amount":"A","skip_lines":-1}"#, "\"skip_lines\""),
        (#"{"date":"D","description":"X","amount":"A","delimiter":"|"}"#, "\"delimiter\""),
        (#"{"date":5,"description":"X","amount":"A"}"#, "key \"date\" must be a non-empty string"),
        (#"["date"]"#, "must be a JSON object"),
        (#"{"date":"D","date":"E","description":"X","amount":"A"}"#, "twice"),
    ])
    func mappingErrors(_ json: String, _ fragment: String) {
        let error = #expect(throws: StatementMappingError.self) { try StatementMapping.parse(Array(json.utf8)) }
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
    }
}
