import Foundation
import Testing

/// Runs the built `budget-ledger` executable as a user would, capturing output and exit code.
struct CLIRunner {
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
        var lines: [String] { standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The test build, which honours the pinned clock (`$BUDGET_LEDGER_NOW`) the tests rely on.
    static var executable: URL { built("budget-ledger-testing") }

    /// The build users run, which refuses the test switches.
    static var releasedExecutable: URL { built("budget-ledger") }

    private static func built(_ name: String) -> URL {
        let candidates = [".build/debug/", ".build/release/"].map { packageRoot.appendingPathComponent($0 + name) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static let fixedNow = "2026-04-02T09:30:00.000Z"

    let ledger: String

    init(ledger: String = TemporaryFiles.path("cli")) {
        self.ledger = ledger
    }

    /// Removes the ledger, first checking that it verifies: every ledger the tests build must,
    /// unless the test damaged it on purpose.
    func remove(expectingIntact: Bool = true) {
        if expectingIntact, FileManager.default.fileExists(atPath: ledger + "/data.mdb") {
            let verified = try? run(["verify"])
            if verified?.status != 0 { Issue.record("the test's ledger at \(ledger) does not verify: \(verified?.standardOutput ?? "")") }
        }
        try? FileManager.default.removeItem(atPath: ledger)
    }

    /// Runs `budget-ledger ARGS` with `--ledger` taken from `$BUDGET_LEDGER_DIR` and a pinned clock.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:],
             executable: URL = CLIRunner.executable) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment(extra)
        let output = Pipe(), error = Pipe(), inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inputPipe.fileHandleForWriting.close()
        // Read before waiting: a full pipe would otherwise block the child.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                      standardError: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a `sh -c` script with the same environment plus `$BUDGET_LEDGER`, the binary.
    @discardableResult
    func runShell(_ script: String, environment extra: [String: String] = [:]) throws -> Result {
        try run(["-c", script], environment: extra.merging(["BUDGET_LEDGER": CLIRunner.executable.path]) { $1 },
                executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// The test's environment: `$BUDGET_LEDGER_DIR` is this runner's ledger, the clock is pinned.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["BUDGET_LEDGER_DIR"] = ledger
        environment["BUDGET_LEDGER_NOW"] = CLIRunner.fixedNow
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    static func fixture(_ relativePath: String) -> String { packageRoot.appendingPathComponent("Fixtures/" + relativePath).path }
}
