import Testing
@testable import LedgerDomain

@Suite("CSVReader: RFC 4180 records, numbered by the physical line they start on")
struct ReconciliationCSVReaderTests {
    private func records(_ text: String) throws -> [CSVRecord] { try CSVReader.records(Array(text.utf8)) }

    @Test("CRLF, LF and a lone CR each end a record; the last may have no line break")
    func lineBreaks() throws {
        #expect(try records("a,b\r\n1,2\n3,4\r5,6") == [
            CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 2, fields: ["1", "2"]),
            CSVRecord(line: 3, fields: ["3", "4"]), CSVRecord(line: 4, fields: ["5", "6"]),
        ])
    }

    @Test("a quoted field holds commas, doubled quotes and line breaks")
    func quotedFields() throws {
        let found = try records("h\r\n\"Tesco, Kings Road\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n")
        #expect(found[1].fields == ["Tesco, Kings Road", "say \"hi\"", "two\r\nlines"])
    }

    @Test("a record after a field spanning lines is numbered by its own physical line")
    func lineNumbersCountPhysicalLines() throws {
        let found = try records("date,description\n2025-04-01,\"first\nsecond\nthird\"\n2025-04-02,next\n")
        #expect(found.map(\.line) == [1, 2, 5])
    }

    @Test("empty records and records of only commas and spaces are skipped but counted")
    func blankRecords() throws {
        let found = try records("a,b\n\n , \n,\n1,2\n")
        #expect(found == [CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 5, fields: ["1", "2"])])
    }

    @Test("a UTF-8 byte order mark (as spreadsheets write) is not part of the first name")
    func byteOrderMark() throws {
        let found = try CSVReader.records([0xEF, 0xBB, 0xBF] + Array("date,amount\n".utf8))
        #expect(found.first?.fields == ["date", "amount"])
    }

    @Test("empty fields are kept, so columns stay in place")
    func emptyFields() throws {
        #expect(try records("a,,c,\n").first?.fields == ["a", "", "c", ""])
    }

    @Test("a quote never closed is an error on the line it was opened")
    func unterminatedQuote() throws {
        let error = #expect(throws: StatementError.self) { try records("a,b\n1,2\n3,\"open\n4,5\n6,7\n") }
        #expect(error?.kind == .unterminatedQuote)
        #expect(error?.line == 3)
    }

    @Test("a character after a closing quote is an error on its line")
    func characterAfterQuote() throws {
        let error = #expect(throws: StatementError.self) { try records("a,b\n\"x\nx\"y,2\n") }
        #expect(error?.kind == .characterAfterQuote)
        #expect(error?.line == 3)
    }

    @Test("a quote inside an unquoted field is kept as it is")
    func quoteInsideUnquotedField() throws {
        #expect(try records("O'Neil 12\" TV,1\n").first?.fields == ["O'Neil 12\" TV", "1"])
    }

    @Test("a file larger than the bound is refused, not held")
    func tooLarge() throws {
        let error = #expect(throws: StatementError.self) { try CSVReader.records([UInt8](repeating: 0x41, count: CSVReader.bytesMax + 1)) }
        #expect(error?.kind == .tooLarge)
    }
}
