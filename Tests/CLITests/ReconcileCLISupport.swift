import Foundation
import Testing

/// Runs the built `budget-ledger` as a user would: a subprocess with its own ledger directory and
/// `$BUDGET_LEDGER_NOW` pinned, so `recorded_at` and the hashes are the same every run.
struct ReconcileCLI {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Fixtures").path
    static let now = "2026-05-01T09:00:00Z"

    /// The test build (it honours the pinned clock), beside the test bundle
    /// (`.build/<triple>/debug/`); `swift build --build-tests` builds both.
    static let executable: String = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("budget-ledger-testing").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return packageRoot.appendingPathComponent(".build/debug/budget-ledger-testing").path
    }()

    let directory: String

    /// A new, empty ledger in a temporary directory; `remove()` deletes it.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-cli-\(UUID().uuidString)").path
        try #require(run("init").status == 0)
    }

    /// A ledger with the given fixture files posted, in order.
    init(posting files: [String]) throws {
        try self.init()
        for file in files {
            let posted = run("post", "\(ReconcileCLI.fixtures)/\(file)")
            try #require(posted.status == 0, "posting \(file): \(posted.stdout)\(posted.stderr)")
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    @discardableResult
    func run(_ arguments: String...) -> Run { run(arguments) }

    /// Runs a subcommand on this ledger.
    func run(_ arguments: [String]) -> Run {
        ReconcileCLI.execute([arguments[0], "--ledger", directory] + arguments.dropFirst())
    }

    /// Runs `budget-ledger` with exactly these arguments, in `workingDirectory` when given.
    /// Output goes to files rather than pipes, so a full pipe can never stall the child.
    static func execute(_ arguments: [String], in workingDirectory: String? = nil) -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ReconcileCLI.executable)
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        var environment = ProcessInfo.processInfo.environment
        environment["BUDGET_LEDGER_NOW"] = ReconcileCLI.now
        environment.removeValue(forKey: "BUDGET_LEDGER_DIR")
        process.environment = environment
        let outputs = (0..<2).map { _ in FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-cli-out-\(UUID().uuidString)") }
        defer { for url in outputs { try? FileManager.default.removeItem(at: url) } }
        do {
            for url in outputs { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
            process.standardOutput = try FileHandle(forWritingTo: outputs[0])
            process.standardError = try FileHandle(forWritingTo: outputs[1])
            try process.run()
            process.waitUntilExit()
        } catch {
            return Run(status: -1, stdout: "", stderr: "cannot run \(ReconcileCLI.executable): \(error)")
        }
        let text = outputs.map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }
        return Run(status: process.terminationStatus, stdout: text[0], stderr: text[1])
    }

    /// `budget-ledger export` line count: the number of events recorded.
    var eventCount: Int { run("export").stdout.split(separator: "\n").count }
}

/// One line of `Fixtures/statements/manifest.jsonl`: a statement, the arguments to reconcile it,
/// the ledger files posted first, and the expected `--json` output or error message.
struct StatementCase: CustomTestStringConvertible, Sendable {
    let statement: String
    let budget: String
    let pot: String
    let periodEnd: String
    let ledger: [String]
    let expected: String?
    let error: String?
    /// `--format`: absent for `auto` (the default), `standard`, or a mapping file under Fixtures/.
    let format: String?

    var testDescription: String { "\(statement) after \(ledger.joined(separator: " + "))" }

    var path: String { "\(ReconcileCLI.fixtures)/\(statement)" }

    var arguments: [String] {
        let formatArguments = format.map { ["--format", $0 == "standard" ? $0 : "\(ReconcileCLI.fixtures)/\($0)"] } ?? []
        return ["reconcile", budget, "--pot", pot, "--statement", path, "--period-end", periodEnd] + formatArguments
    }

    static let all: [StatementCase] = {
        let text = (try? String(contentsOfFile: "\(ReconcileCLI.fixtures)/statements/manifest.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return StatementCase(statement: object["statement"] as! String, budget: object["budget"] as! String, pot: object["pot"] as! String,
                                 periodEnd: object["period_end"] as! String, ledger: object["ledger"] as! [String],
                                 expected: object["expected"] as? String, error: object["error"] as? String, format: object["format"] as? String)
        }
    }()
}
