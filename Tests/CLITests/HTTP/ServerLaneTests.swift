import Dispatch
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Work that may walk the whole chain (a verify; balances, a digest or the commissioner's report
/// as of an earlier state) runs on a lane of its own, one job at a time: however many are asked
/// for at once, reads, posts and health checks go on answering.
@Suite struct ServerLaneTests {
    /// More verifies than the shared pool has threads, each held running by the test build's
    /// switch; meanwhile a balance read, a post and a health check answer. Without the lane the
    /// held verifies take every thread of the shared pool and the read answers only when the
    /// watchdog lets them go.
    @Test
    func readsAndPostsAnswerWhileVerifiesAreHeldRunning() async throws {
        let cli = CLIRunner()
        try cli.run(["init"])
        #expect(try cli.run(["post", CLIRunner.fixture("year-2025-26.jsonl")]).status == 0)
        let holdDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("lane-hold-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: holdDirectory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: holdDirectory) }
        try #require(mkfifo(holdDirectory + "/arrivals", 0o600) == 0)
        // Open for reading and writing: a job's open for writing never waits, and a read never
        // meets the end of the FIFO while no job has it open.
        let arrivals = open(holdDirectory + "/arrivals", O_RDWR | O_CLOEXEC)
        try #require(arrivals >= 0)
        defer { close(arrivals) }
        let hold = open(holdDirectory + "/hold", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        try #require(hold >= 0)
        defer { close(hold) }
        try #require(flock(hold, LOCK_EX) == 0)
        let server = try ServerProcess(cli, environment: ["BUDGET_LEDGER_HOLD_WHOLE_LEDGER_WORK": holdDirectory])
        defer { _ = try? server.stop(); cli.remove() }
        let auditor = try server.addUser("aud", role: "auditor")
        let finance = try server.addUser("fin", role: "finance")
        let port = server.port
        let verifies = ProcessInfo.processInfo.activeProcessorCount + 1

        let answers = try await withThrowingTaskGroup(of: HTTPConnection.Answer.self) { group in
            for _ in 0..<verifies {
                group.addTask {
                    // Held until the reads below are done: the answer timeout outlasts the watchdog.
                    let connection = HTTPConnection(port: port)
                    defer { Task { await connection.close() } }
                    return try await connection.send(.post, "/v1/verify", token: auditor)
                }
            }
            // One verify is running, held; the others are asked for.
            #expect(await Self.nextArrival(on: arrivals))
            // Only a bound on a hang, never reached when the lane works: without it, reads stuck
            // behind held verifies would hang the whole test run instead of failing this test.
            let watchdog = Task.detached { () -> Bool in
                try? await Task.sleep(for: .seconds(60))
                guard !Task.isCancelled else { return false }
                flock(hold, LOCK_UN)
                return true
            }
            let connection = HTTPConnection(port: port)
            let balances = try await connection.send(.get, "/v1/budgets", token: finance)
            #expect(balances.status == 200)
            #expect(balances.text == (try String(contentsOfFile: CLIRunner.fixture("expected/year-2025-26.balances.jsonl"), encoding: .utf8)))
            let allocation = #"{"id":"lane-1","type":"allocation","budget":"PHB-0001","date":"2026-03-01","amount":"10.00"}"#
            let posted = try await connection.postEvents(allocation + "\n", token: finance)
            #expect(posted.status == 200, "\(posted.text)")
            #expect(try await connection.send(.get, "/v1/health").status == 200)
            await connection.close()
            watchdog.cancel()
            #expect(await watchdog.value == false, "the reads answered only once the held verifies were let go")
            // Let every verify run: each waits for the hold in turn, on the lane.
            flock(hold, LOCK_UN)
            var answers: [HTTPConnection.Answer] = []
            for try await answer in group { answers.append(answer) }
            return answers
        }
        let expected = try cli.run(["verify", "--json"]).standardOutput
        #expect(answers.count == verifies)
        for answer in answers {
            #expect(answer.status == 200)
            #expect(answer.text == expected)
        }
    }

    /// Waits, off the cooperative pool, for a held job to say it has started.
    private static func nextArrival(on arrivals: Int32) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var byte: UInt8 = 0
                continuation.resume(returning: read(arrivals, &byte, 1) == 1)
            }
        }
    }
}
