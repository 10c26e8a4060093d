import HTTPTypes
import Foundation
import HummingbirdTesting
import Testing

/// Many clients at once (SPEC 8.2): the fixture year posted by 8 concurrent clients gives the
/// balances the command line gives, byte for byte; a kill -9 mid-batch leaves whole batches.
@Suite struct ServerConcurrencyTests {
    /// The fixture year, each event without its `actor` (over HTTP the actor is the login), grouped
    /// by budget in file order.
    static func yearByBudget() throws -> [String: [String]] {
        let lines = try String(contentsOfFile: CLIRunner.fixture("year-2025-26.jsonl"), encoding: .utf8).split(separator: "\n")
        var byBudget: [String: [String]] = [:]
        for line in lines where !line.isEmpty {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            object["actor"] = nil
            let budget = try #require(object["budget"] as? String)
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            byBudget[budget, default: []].append(String(decoding: data, as: UTF8.self))
        }
        return byBudget
    }

    @Test func theFixtureYearFromEightClientsGivesTheBalancesOfTheCommandLine() async throws {
        let cli = CLIRunner()
        let server = try ServerProcess(cli)
        defer { _ = try? server.stop(); cli.remove() }
        let token = try server.addUser("fin", role: "finance")
        let budgets = try ServerConcurrencyTests.yearByBudget().sorted { $0.key < $1.key }
        let port = server.port
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<8 {
                let mine = budgets.enumerated().filter { $0.offset % 8 == client }.map(\.element.value)
                group.addTask {
                    let connection = HTTPConnection(port: port)
                    for events in mine {
                        // Batches of up to 10 events of one budget, in order.
                        for start in stride(from: 0, to: events.count, by: 10) {
                            let batch = events[start..<min(start + 10, events.count)].map { $0 + "\n" }.joined()
                            let answer = try await connection.postEvents(batch, token: token)
                            #expect(answer.status == 200, "\(answer.text)")
                        }
                    }
                    await connection.close()
                }
            }
            try await group.waitForAll()
        }
        let connection = server.client()
        let overHTTP = try await connection.send(.get, "/v1/budgets", token: token)
        await connection.close()
        let twin = CLIRunner()
        defer { twin.remove() }
        try twin.run(["init"])
        try twin.run(["post", CLIRunner.fixture("year-2025-26.jsonl")])
        let fromCLI = try twin.run(["balances", "--json"]).standardOutput
        #expect(overHTTP.text == fromCLI)
        #expect(overHTTP.text == (try String(contentsOfFile: CLIRunner.fixture("expected/year-2025-26.balances.jsonl"), encoding: .utf8)))
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test func aKillNineMidBatchLeavesWholeBatchesOnly() async throws {
        let cli = CLIRunner()
        let server = try ServerProcess(cli)
        defer { cli.remove() }
        let token = try server.addUser("fin", role: "finance")
        let opened = try await server.client().postEvents(ServerFixture.events(budget: "K"), token: token)
        #expect(opened.status == 200)
        let batchSize = 50
        let port = server.port
        // Clients post batches until the server dies under them.
        let posting = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<4 {
                    group.addTask {
                        let connection = HTTPConnection(port: port)
                        for batch in 0..<1_000 {
                            let lines = (0..<batchSize).map { index in
                                #"{"id":"c\#(client)-b\#(batch)-e\#(index)","type":"allocation","budget":"K","date":"2025-04-02","amount":"1"}"#
                            }.joined(separator: "\n")
                            guard (try? await connection.postEvents(lines, token: token)) != nil else { break }
                        }
                        await connection.close()
                    }
                }
                try await group.waitForAll()
            }
        }
        // Kill once some batches are in: poll the ledger, never sleep on a guess. The polling
        // blocks on child processes, so it runs on a thread of its own: on the cooperative
        // pool it took one of a 2-core machine's two threads from the posting clients.
        let seen = await withCheckedContinuation { (done: CheckedContinuation<Int, Never>) in
            Thread.detachNewThread {
                var seen = 0
                for _ in 0..<20_000 where seen < 2 + 3 * batchSize {
                    seen = (try? cli.run(["export"]).lines.count) ?? 0
                }
                done.resume(returning: seen)
            }
        }
        #expect(seen >= 2 + 3 * batchSize, "no batch landed before the server was killed")
        try server.child.killNow()
        _ = try? await posting.value
        #expect(try cli.run(["verify"]).status == 0)
        var perBatch: [String: Int] = [:]
        for line in try cli.run(["export"]).lines where line.contains(#""id":"c"#) {
            let id = try #require(line.split(separator: "\"").dropFirst(3).first)
            perBatch[String(id.split(separator: "-").prefix(2).joined(separator: "-")), default: 0] += 1
        }
        #expect(!perBatch.isEmpty)
        #expect(perBatch.values.allSatisfy { $0 == batchSize }, "\(perBatch.filter { $0.value != batchSize })")
    }
}
