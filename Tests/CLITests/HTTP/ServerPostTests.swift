import HTTPTypes
import Foundation
import HummingbirdTesting
import Testing

/// `POST /v1/events` (SPEC 8.1–8.3): the same rules and bytes as `post --json`, the actor from
/// the login, whole batches, the limits.
@Suite struct ServerPostTests {
    @Test func theAnswerIsWhatPostJSONPrintsAndTheActorIsTheLogin() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let connection = fixture.server.client()
        let lines = ServerFixture.events(budget: "PHB-X")
        let answer = try await connection.postEvents(lines, token: fixture.tokens["finance"])
        #expect(answer.status == 200)
        #expect(answer.contentType == "application/x-ndjson")
        // The same file posted by the command line into a twin ledger prints the same lines.
        let twin = CLIRunner()
        defer { twin.remove() }
        try twin.run(["init"])
        try twin.run(["post"], input: ServerFixture.seed)
        #expect(answer.text == (try twin.run(["post", "--json"], input: lines)).standardOutput)
        let audit = try fixture.server.cli.run(["audit", "PHB-X", "--json"]).lines
        #expect(audit.count == 2 && audit.allSatisfy { $0.contains(#""actor":"fin""#) })
        // The same request again writes nothing: duplicates.
        let again = try await connection.postEvents(lines, token: fixture.tokens["finance"])
        #expect(again.status == 200 && again.text.hasSuffix(#"{"accepted":0,"duplicates":2,"rejected":0,"written":0}"# + "\n"))
        await connection.close()
    }

    @Test func aSpoofedActorIsRejectedAndNothingOfTheBatchIsWritten() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let connection = fixture.server.client()
        let lines = """
        {"id":"ok-1","type":"allocation","budget":"PHB-V","date":"2025-04-02","amount":"5","actor":"fin"}
        {"id":"spoof-1","type":"allocation","budget":"PHB-V","date":"2025-04-02","amount":"5","actor":"someone.else"}

        """
        let answer = try await connection.postEvents(lines, token: fixture.tokens["finance"])
        #expect(answer.status == 422)
        let results = answer.text.split(separator: "\n")
        #expect(results[0].contains(#""status":"rejected""#) == false)
        #expect(results[1].contains(#""id":"spoof-1","status":"rejected","code":"invalid_field""#))
        #expect(results.last == #"{"accepted":1,"duplicates":0,"rejected":1,"written":0}"#)
        #expect(try fixture.server.cli.run(["export"]).lines.count == ServerFixture.seedEvents, "nothing of the batch was written")
        // partial=true writes the rest.
        let partial = try await connection.postEvents(lines, token: fixture.tokens["finance"], partial: true)
        #expect(partial.status == 200 && partial.text.hasSuffix(#"{"accepted":1,"duplicates":0,"rejected":1,"written":1}"# + "\n"))
        await connection.close()
    }

    @Test func aJSONArrayIsNumberedByElementAndOneObjectIsOneEvent() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let connection = fixture.server.client()
        let array = #"[{"id":"arr-1","type":"allocation","budget":"PHB-V","date":"2025-04-02","amount":"5"},{"id":"arr-2","type":"allocation","budget":"PHB-V","date":"2025-04-02","amount":7}]"#
        let answer = try await connection.postEvents(array, token: fixture.tokens["finance"], contentType: "application/json")
        #expect(answer.status == 422)
        #expect(answer.text.contains(#"{"line":2,"id":"arr-2","status":"rejected","code":"invalid_field""#))
        let one = #"{"id":"obj-1","type":"allocation","budget":"PHB-V","date":"2025-04-02","amount":"5"}"#
        let single = try await connection.postEvents(one, token: fixture.tokens["finance"], contentType: "application/json")
        #expect(single.status == 200 && single.text.hasPrefix(#"{"line":1,"id":"obj-1","status":"accepted","seq":8}"#))
        await connection.close()
    }

    @Test func limitsAnswerWithTheirCodesAndWriteNothing() async throws {
        let cli = CLIRunner()
        try cli.run(["init"])
        let server = try ServerProcess(cli, arguments: ["--max-body", "100000"])
        defer { _ = try? server.stop(); cli.remove() }
        let token = try server.addUser("fin", role: "finance")
        let connection = server.client()
        let longLine = #"{"id":"long","type":"allocation","budget":"B","date":"2025-04-02","amount":"5","note":""#
            + String(repeating: "x", count: 70_000) + "\"}\n"
        let tooLong = try await connection.postEvents(longLine, token: token)
        #expect(tooLong.status == 413 && tooLong.errorCode == "too_large")
        let tooBig = try await connection.postEvents(String(repeating: "\n", count: 100_001), token: token)
        #expect(tooBig.status == 413 && tooBig.errorCode == "too_large")
        let wrongType = try await connection.postEvents("{}", token: token, contentType: "text/plain")
        #expect(wrongType.status == 415 && wrongType.errorCode == "unsupported_media_type")
        let badQuery = try await connection.send(.get, "/v1/budgets?as_of_date=yesterday", token: token)
        #expect(badQuery.status == 400 && badQuery.errorCode == "bad_request")
        let noRoute = try await connection.send(.get, "/v1/nothing-here", token: token)
        #expect(noRoute.status == 404 && noRoute.errorCode == "not_found")
        // No error message shows a path of the machine.
        for answer in [tooLong, tooBig, wrongType, badQuery, noRoute] { #expect(!answer.text.contains(cli.ledger)) }
        #expect(try cli.run(["export"]).standardOutput.isEmpty)
        await connection.close()
    }

    @Test func readsCarryTheSeqOfTheirSnapshot() async throws {
        let fixture = try ServerFixture()
        defer { fixture.finish() }
        let connection = fixture.server.client()
        let health = try await connection.send(.get, "/v1/health")
        #expect(health.text == #"{"status":"ok","seq":7}"# + "\n" && health.ledgerSeq == "7")
        let balance = try await connection.send(.get, "/v1/budgets/PHB-V", token: fixture.tokens["auditor"])
        #expect(balance.ledgerSeq == "7")
        #expect(balance.text == (try fixture.server.cli.run(["balance", "PHB-V", "--json"])).standardOutput)
        let audit = try await connection.send(.get, "/v1/budgets/PHB-V/audit?as_of_seq=1", token: fixture.tokens["auditor"])
        #expect(audit.text == (try fixture.server.cli.run(["audit", "PHB-V", "--json", "--as-of-seq", "1"])).standardOutput)
        let csv = try await connection.send(.get, "/v1/budgets/PHB-V/audit", token: fixture.tokens["auditor"], headers: [.accept: "text/csv"])
        #expect(csv.text == (try fixture.server.cli.run(["audit", "PHB-V", "--csv"])).standardOutput)
        let html = try await connection.send(.get, "/v1/budgets/PHB-V/audit", token: fixture.tokens["auditor"], headers: [.accept: "text/html"])
        let page = TemporaryFiles.path("audit") + ".html"
        defer { try? FileManager.default.removeItem(atPath: page) }
        try fixture.server.cli.run(["audit", "PHB-V", "--html", page])
        #expect(html.contentType?.hasPrefix("text/html") == true)
        #expect(html.body == Array(try Data(contentsOf: URL(fileURLWithPath: page))))
        let digest = try await connection.send(.get, "/v1/digest?as_of_seq=3", token: fixture.tokens["auditor"])
        #expect(digest.text == (try fixture.server.cli.run(["digest", "--json", "--as-of-seq", "3"])).standardOutput)
        let verify = try await connection.send(.post, "/v1/verify", token: fixture.tokens["auditor"])
        #expect(verify.text == (try fixture.server.cli.run(["verify", "--json"])).standardOutput)
        let statement = "date,description,amount,balance\n2025-04-03,transfer in,500.00,500.00\n2025-04-09,care agency,-120.00,380.00\n"
        let statementFile = TemporaryFiles.path("statement") + ".csv"
        try statement.write(toFile: statementFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: statementFile) }
        let reconciled = try await connection.send(.post, "/v1/budgets/PHB-D/reconciliations?pot=direct_payment&period_end=2025-04-30",
                                                   token: fixture.tokens["auditor"], headers: [.contentType: "text/csv"],
                                                   body: Array(statement.utf8))
        #expect(reconciled.status == 200)
        #expect(reconciled.text == (try fixture.server.cli.run(["reconcile", "PHB-D", "--pot", "direct_payment", "--statement", statementFile,
                                                                 "--period-end", "2025-04-30", "--json"])).standardOutput)
        let badStatement = try await connection.send(.post, "/v1/budgets/PHB-D/reconciliations?pot=direct_payment&period_end=2025-04-30",
                                                     token: fixture.tokens["auditor"], headers: [.contentType: "text/csv"],
                                                     body: Array("date,description,amount\n2025-04-03,x,not money\n".utf8))
        #expect(badStatement.status == 400 && badStatement.errorCode == "bad_request" && badStatement.text.contains("line 2"))
        let report = try await connection.send(.get, "/v1/report?from=2025-04-01&to=2025-06-30", token: fixture.tokens["auditor"])
        #expect(report.text == (try fixture.server.cli.run(["report", "--from", "2025-04-01", "--to", "2025-06-30", "--json"])).standardOutput)
        let export = try await connection.send(.get, "/v1/events?since_seq=1&limit=2", token: fixture.tokens["auditor"])
        let exported = try fixture.server.cli.run(["export", "--since-seq", "1"]).lines
        #expect(export.text == exported.prefix(2).map { $0 + "\n" }.joined())
        await connection.close()
    }
}
