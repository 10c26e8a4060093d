import Foundation
import Testing

/// `serve --tls-cert --tls-key` (SPEC 8): HTTPS, with HTTP/2 and HTTP/1.1 both offered by ALPN.
/// The certificate is made here by openssl, self-signed for 127.0.0.1; curl is the client
/// (it speaks both protocols and says which one answered).
@Suite struct ServerTLSTests {
    /// Runs a tool; its standard output, or an error with its standard error.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = TemporaryFiles.path("tool-out"), error = TemporaryFiles.path("tool-err")
        try #require(FileManager.default.createFile(atPath: output, contents: nil))
        try #require(FileManager.default.createFile(atPath: error, contents: nil))
        defer { for file in [output, error] { try? FileManager.default.removeItem(atPath: file) } }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: error))
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailed(description: "\(tool) \(arguments.joined(separator: " ")): \((try? String(contentsOfFile: error, encoding: .utf8)) ?? "")")
        }
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    struct ToolFailed: Error, CustomStringConvertible { let description: String }

    @Test func httpsAnswersOverHTTP2AndHTTP1() throws {
        let directory = TemporaryFiles.path("tls")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let certificate = directory + "/cert.pem", key = directory + "/key.pem"
        _ = try ServerTLSTests.run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                                               "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        let cli = CLIRunner()
        try cli.run(["init"])
        try cli.run(["post"], input: ServerFixture.seed)
        let server = try ServerProcess(cli, arguments: ["--tls-cert", certificate, "--tls-key", key])
        defer { _ = try? server.stop(); cli.remove() }
        #expect(server.child.standardOutput.hasPrefix("listening on https://127.0.0.1:\(server.port)"))
        let token = try server.addUser("aud", role: "auditor")
        let base = "https://127.0.0.1:\(server.port)"
        let balance = try cli.run(["balance", "PHB-V", "--json"]).standardOutput
        for (flag, version) in [("--http2", "2"), ("--http1.1", "1.1")] {
            // The body, then the protocol curl used, on a line of its own.
            let health = try ServerTLSTests.run("curl", ["-sS", "--cacert", certificate, flag, base + "/v1/health", "-w", "%{http_version}"])
            #expect(health == #"{"status":"ok","seq":7}"# + "\n" + version, "\(flag)")
            let answer = try ServerTLSTests.run("curl", ["-sS", "--cacert", certificate, flag, "-H", "Authorization: Bearer \(token)",
                                                         base + "/v1/budgets/PHB-V", "-w", "%{http_version}"])
            #expect(answer == balance + version, "\(flag)")
        }
        // Plain HTTP on the TLS port is refused rather than answered in the clear.
        #expect(throws: ToolFailed.self) { try ServerTLSTests.run("curl", ["-sS", "--max-time", "5", "http://127.0.0.1:\(server.port)/v1/health"]) }
    }
}
