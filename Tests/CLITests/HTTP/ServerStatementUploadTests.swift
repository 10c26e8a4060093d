import HTTPTypes
import Foundation
import Testing

/// `POST /v1/budgets/{budget}/reconciliations` with a `multipart/form-data` body (SPEC 8.2, 7.1):
/// a part `statement` and an optional part `format` holding a mapping file give what
/// `reconcile --format FILE --json` prints; a bad form is 400 (413 past a limit) and writes nothing.
@Suite struct ServerStatementUploadTests {
    static let route = "/v1/budgets/PHB-D/reconciliations?pot=direct_payment&period_end=2025-04-30"

    /// A bank's export that `auto` cannot place (no column it knows for the date): two lines of
    /// preamble, semicolons, day-first dates, money out and in apart, and `£` as the single
    /// Windows-1252 byte A3.
    static let statement: [UInt8] = Array("Account 12345678\r\n\r\nWhen;What;Out;In;Left\r\n03/04/2025;transfer in;;".utf8) + [0xA3]
        + Array("500.00;500.00\r\n09/04/2025;care agency;".utf8) + [0xA3] + Array("120.00;;380.00\r\n".utf8)
    static let mapping = #"{"date":"When","date_format":"DD/MM/YYYY","description":"What","paid_out":"Out","paid_in":"In","balance":"Left","skip_lines":2,"delimiter":";"}"#

    static func upload(statement: [UInt8] = statement, mapping: String? = mapping) -> MultipartForm {
        var form = MultipartForm()
        form.add("statement", filename: "statement.csv", contentType: "text/csv", statement)
        if let mapping { form.add("format", filename: "bank.json", contentType: "application/json", Array(mapping.utf8)) }
        return form
    }

    @Test func aMappingFileUploadGivesWhatReconcileWithThatFilePrints() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let statementFile = TemporaryFiles.path("statement") + ".csv", mappingFile = TemporaryFiles.path("mapping") + ".json"
        try Data(ServerStatementUploadTests.statement).write(to: URL(fileURLWithPath: statementFile))
        try ServerStatementUploadTests.mapping.write(toFile: mappingFile, atomically: true, encoding: .utf8)
        defer { for file in [statementFile, mappingFile] { try? FileManager.default.removeItem(atPath: file) } }
        let command = try fixture.server.cli.run(["reconcile", "PHB-D", "--pot", "direct_payment", "--statement", statementFile,
                                                  "--period-end", "2025-04-30", "--format", mappingFile, "--json"])
        #expect(command.status == 0, "\(command.standardError)")
        #expect(command.standardOutput.contains(#""matched":[{"line":4,"id":"PHB-D/dp-1"}]"#))

        let connection = fixture.server.client()
        let form = ServerStatementUploadTests.upload()
        let answer = try await connection.send(.post, ServerStatementUploadTests.route, token: fixture.tokens["auditor"],
                                               headers: [.contentType: form.contentType], body: form.closed)
        #expect(answer.status == 200)
        #expect(answer.contentType == "application/json")
        #expect(answer.ledgerSeq == "\(ServerFixture.seedEvents)")
        #expect(answer.text == command.standardOutput)

        // The same statement without its mapping file: `auto` cannot place the header.
        let bare = try await connection.send(.post, ServerStatementUploadTests.route, token: fixture.tokens["auditor"],
                                             headers: [.contentType: "text/csv"], body: ServerStatementUploadTests.statement)
        #expect(bare.status == 400 && bare.errorCode == "bad_request")

        // Posted by finance: the same answer, and the event recorded with the login as its actor.
        let posted = try await connection.send(.post, ServerStatementUploadTests.route + "&post=true", token: fixture.tokens["finance"],
                                               headers: [.contentType: form.contentType], body: form.closed)
        #expect(posted.status == 200 && posted.text == command.standardOutput)
        #expect(posted.ledgerSeq == "\(ServerFixture.seedEvents + 1)")
        let recorded = try fixture.server.cli.run(["export", "--since-seq", "\(ServerFixture.seedEvents)"]).lines
        #expect(recorded.count == 1)
        #expect(recorded.first?.contains(#""type":"reconciliation""#) == true && recorded.first?.contains(#""actor":"fin""#) == true)
        await connection.close()
    }

    @Test("every fixture statement read through a mapping file gives the model's expected output over HTTP",
          arguments: StatementCase.all.filter { $0.format?.hasSuffix(".json") == true && $0.expected != nil })
    func fixtureStatementWithItsMappingFile(_ fixture: StatementCase) async throws {
        let ledger = try ReconcileCLI(posting: fixture.ledger)
        defer { ledger.remove() }
        let server = try ServerProcess(CLIRunner(ledger: ledger.directory))
        defer { _ = try? server.stop() }
        let token = try server.addUser("aud", role: "auditor")
        var form = MultipartForm()
        form.add("statement", filename: "statement.csv", contentType: "text/csv",
                 Array(try Data(contentsOf: URL(fileURLWithPath: fixture.path))))
        form.add("format", filename: "mapping.json", contentType: "application/json",
                 Array(try Data(contentsOf: URL(fileURLWithPath: "\(ReconcileCLI.fixtures)/\(try #require(fixture.format))"))))
        let connection = server.client()
        let answer = try await connection.send(.post, "/v1/budgets/\(fixture.budget)/reconciliations?pot=\(fixture.pot)&period_end=\(fixture.periodEnd)",
                                               token: token, headers: [.contentType: form.contentType], body: form.closed)
        #expect(answer.status == 200)
        #expect(answer.text == (try String(contentsOfFile: "\(ReconcileCLI.fixtures)/\(try #require(fixture.expected))", encoding: .utf8)))
        await connection.close()
    }

    @Test func aFileInputLeftEmptyMeansNoMappingFile() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let statement = Array("date,description,amount\n2025-04-03,transfer in,500.00\n".utf8)
        let statementFile = TemporaryFiles.path("statement") + ".csv"
        try Data(statement).write(to: URL(fileURLWithPath: statementFile))
        defer { try? FileManager.default.removeItem(atPath: statementFile) }
        let command = try fixture.server.cli.run(["reconcile", "PHB-D", "--pot", "direct_payment", "--statement", statementFile,
                                                  "--period-end", "2025-04-30", "--json"])
        var form = MultipartForm()
        form.add("statement", filename: "statement.csv", statement)
        form.add("format", filename: "", contentType: "application/octet-stream", [])
        let connection = fixture.server.client()
        let answer = try await connection.send(.post, ServerStatementUploadTests.route, token: fixture.tokens["auditor"],
                                               headers: [.contentType: form.contentType], body: form.closed)
        #expect(answer.status == 200 && answer.text == command.standardOutput)
        // `format=standard` in the query applies to a form too.
        let standard = try await connection.send(.post, ServerStatementUploadTests.route + "&format=standard", token: fixture.tokens["auditor"],
                                                 headers: [.contentType: form.contentType], body: form.closed)
        #expect(standard.status == 200 && standard.text == command.standardOutput)
        await connection.close()
    }

    @Test func aBadFormIsABadRequestThatSaysWhatIsWrongAndWritesNothing() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let connection = fixture.server.client()
        let good = ServerStatementUploadTests.upload()
        var noStatement = MultipartForm()
        noStatement.add("format", filename: "bank.json", Array(ServerStatementUploadTests.mapping.utf8))
        var twice = ServerStatementUploadTests.upload(mapping: nil)
        twice.add("statement", filename: "again.csv", ServerStatementUploadTests.statement)
        var extraField = ServerStatementUploadTests.upload()
        extraField.add("pot", Array("third_party".utf8))
        let unknownKey = ServerStatementUploadTests.upload(mapping: #"{"date":"When","description":"What","amount":"Out","colour":"red"}"#)
        let missingColumn = ServerStatementUploadTests.upload(mapping: #"{"date":"Posted","description":"What","amount":"Out","skip_lines":2,"delimiter":";"}"#)
        let cases: [(name: String, contentType: String, body: [UInt8], query: String, message: String)] = [
            ("no statement part", noStatement.contentType, noStatement.closed, "", #"no part "statement""#),
            ("the statement twice", twice.contentType, twice.closed, "", #"the part "statement" more than once"#),
            ("a field the route does not take", extraField.contentType, extraField.closed, "", #"("pot")"#),
            ("a mapping file with an unknown key", unknownKey.contentType, unknownKey.closed, "", #"unknown key "colour""#),
            ("a mapping file naming a column the statement lacks", missingColumn.contentType, missingColumn.closed, "", #""Posted""#),
            ("a format in the query and in the form", good.contentType, good.closed, "&format=auto", "give the format once"),
            ("a format name that is not one", "text/csv", ServerStatementUploadTests.statement, "&format=bank.json", #"format "bank.json" is not"#),
            ("a body cut short", good.contentType, good.body, "", "ends before its closing boundary"),
            ("no boundary", "multipart/form-data", good.closed, "", "needs a boundary"),
            ("another boundary", "multipart/form-data; boundary=other", good.closed, "", "ends before its closing boundary"),
            ("a broken part header", good.contentType, Array("--\(good.boundary)\r\nno colon here\r\n\r\nx\r\n--\(good.boundary)--\r\n".utf8), "",
             "malformed"),
        ]
        for bad in cases {
            let answer = try await connection.send(.post, ServerStatementUploadTests.route + "&post=true" + bad.query, token: fixture.tokens["finance"],
                                                   headers: [.contentType: bad.contentType], body: bad.body)
            #expect(answer.status == 400 && answer.errorCode == "bad_request", "\(bad.name): \(answer.status) \(answer.text)")
            #expect(answer.errorMessage?.contains(bad.message) == true, "\(bad.name): \(answer.text)")
        }
        // A mapping file is at most 64 KiB, however much room --max-body leaves.
        let hugeMapping = ServerStatementUploadTests.upload(mapping: String(repeating: " ", count: 70_000) + ServerStatementUploadTests.mapping)
        let huge = try await connection.send(.post, ServerStatementUploadTests.route, token: fixture.tokens["finance"],
                                             headers: [.contentType: hugeMapping.contentType], body: hugeMapping.closed)
        #expect(huge.status == 413 && huge.errorCode == "too_large")
        let plain = try await connection.send(.post, ServerStatementUploadTests.route, token: fixture.tokens["finance"],
                                              headers: [.contentType: "text/plain"], body: ServerStatementUploadTests.statement)
        #expect(plain.status == 415 && plain.errorCode == "unsupported_media_type")
        #expect(try fixture.server.cli.run(["export"]).lines.count == ServerFixture.seedEvents, "nothing was written")
        await connection.close()
    }

    @Test func aFormOverTheBodyLimitIsTooLarge() async throws {
        let cli = CLIRunner()
        try cli.run(["init"])
        try cli.run(["post"], input: ServerFixture.seed)
        let server = try ServerProcess(cli, arguments: ["--max-body", "4096"])
        defer { _ = try? server.stop(); cli.remove() }
        let token = try server.addUser("fin", role: "finance")
        let connection = server.client()
        var rows = "date,description,amount\n"
        for day in 1...200 { rows += "2025-04-\(String(format: "%02d", day % 28 + 1)),row \(day),-1.00\n" }
        let form = ServerStatementUploadTests.upload(statement: Array(rows.utf8), mapping: nil)
        let answer = try await connection.send(.post, ServerStatementUploadTests.route + "&post=true", token: token,
                                               headers: [.contentType: form.contentType], body: form.closed)
        #expect(answer.status == 413 && answer.errorCode == "too_large")
        #expect(try cli.run(["export"]).lines.count == ServerFixture.seedEvents)
        await connection.close()
    }
}
