import HTTPTypes
import Foundation
import HummingbirdTesting
import NIOCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A real `budget-ledger serve --port 0` process on loopback, for the tests of SPEC 8, with
/// users made by the real `users add`. Readiness is polled: the server prints its bound port.
final class ServerProcess {
    let cli: CLIRunner
    let child: ChildProcess
    let port: Int

    /// Starts a server on `cli`'s ledger (created when missing).
    init(_ cli: CLIRunner, arguments: [String] = [], environment: [String: String] = [:]) throws {
        if !FileManager.default.fileExists(atPath: cli.ledger + "/data.mdb") { try cli.run(["init"]) }
        self.cli = cli
        child = try ChildProcess(cli, ["serve", "--port", "0"] + arguments, environment: environment)
        port = try ServerProcess.waitForPort(child)
    }

    /// Polls the child's standard output for `listening on http://127.0.0.1:PORT`, bounded.
    private static func waitForPort(_ child: ChildProcess) throws -> Int {
        for _ in 0..<6_000 {
            if let line = child.standardOutput.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }),
               let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                return port
            }
            if try child.hasEnded() { break }
            usleep(5_000)
        }
        throw ServerDidNotStart(standardError: child.standardError)
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        let standardError: String
        var description: String { "the server did not start: \(standardError)" }
    }

    /// Stops the server with SIGTERM (a graceful stop) and waits for it.
    @discardableResult
    func stop() throws -> ChildProcess.Outcome {
        // Once reaped, its pid may be another process's: signal it only while it runs.
        if try !child.hasEnded() { kill(child.pid, SIGTERM) }
        return try child.wait()
    }

    /// `users add NAME --role ROLE [--budgets …] --json`; the token.
    func addUser(_ name: String, role: String, budgets: [String] = []) throws -> String {
        var arguments = ["users", "add", name, "--role", role, "--json"]
        if !budgets.isEmpty { arguments += ["--budgets", budgets.joined(separator: ",")] }
        let result = try cli.run(arguments)
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
              let token = object["token"] as? String else {
            throw ServerDidNotStart(standardError: "users add failed: \(result.standardError)")
        }
        return token
    }

    /// One keep-alive connection to the server.
    func client() -> HTTPConnection { HTTPConnection(port: port) }
}

/// A keep-alive HTTP/1.1 connection (Hummingbird's test client, over a real socket).
struct HTTPConnection: Sendable {
    let client: TestClient

    /// How long a test's connection waits for a byte of an answer. Not the test client's own
    /// 15 s: CI runs on a loaded 2-core machine, where the suite's many servers, processes and
    /// builds can keep an answer waiting longer, and a test that timed out there would fail for
    /// the machine, not the server. A hang still fails the test, later.
    static let answerTimeout: Duration = .seconds(120)

    init(port: Int) {
        client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: HTTPConnection.answerTimeout))
        client.connect()
    }

    func close() async { try? await client.shutdown() }

    struct Answer: Sendable {
        let status: Int
        let headers: HTTPFields
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        var contentType: String? { headers[.contentType] }
        var ledgerSeq: String? { headers[HTTPField.Name("X-Ledger-Seq")!] }
        /// The error code of an error answer.
        var errorCode: String? { errorField("code") }
        /// The message of an error answer.
        var errorMessage: String? { errorField("message") }

        private func errorField(_ name: String) -> String? {
            guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
                  let error = object["error"] as? [String: Any] else { return nil }
            return error[name] as? String
        }
    }

    func send(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, headers extra: HTTPFields = [:],
              body: [UInt8]? = nil) async throws -> Answer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        let request = TestClient.Request(path, method: method, authority: "127.0.0.1", headers: headers,
                                         body: body.map { ByteBuffer(bytes: $0) })
        let response = try await client.execute(request)
        let bytes = response.body.map { Array($0.readableBytesView) } ?? []
        let answer = Answer(status: Int(response.status.code), headers: response.headers, body: bytes)
        ResponseLog.shared.record(method: method.rawValue, path: path, answer: answer)
        return answer
    }

    func postEvents(_ lines: String, token: String?, partial: Bool = false, contentType: String = "application/x-ndjson") async throws -> Answer {
        try await send(.post, "/v1/events" + (partial ? "?partial=true" : ""), token: token,
                       headers: [.contentType: contentType], body: Array(lines.utf8))
    }
}
