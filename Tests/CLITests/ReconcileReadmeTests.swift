import Foundation
import Testing

/// The README's "Reconciliation walk-through" claims to be real output: every command in its
/// code blocks is run again, in order, in a fresh directory beside the fixtures, and must print
/// exactly what the README shows (standard output, then standard error, then `(exit N)` when
/// the status is not 0).
@Suite("README: the reconciliation walk-through is real output")
struct ReconcileReadmeTests {
    struct Step {
        let command: [String]
        let output: String
    }

    /// The `$ budget-ledger …` lines of the section's code blocks, each with the lines under it.
    static func steps() throws -> [Step] {
        let readme = try String(contentsOf: ReconcileCLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Reconciliation walk-through\n").last)
        var steps: [Step] = []
        var inBlock = false
        var command: [String]?
        var output: [String] = []
        func finish() {
            if let command { steps.append(Step(command: command, output: output.joined(separator: "\n"))) }
            command = nil
            output = []
        }
        for line in section.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if inBlock { finish() }
                inBlock.toggle()
            } else if inBlock, line.hasPrefix("$ budget-ledger ") {
                finish()
                command = line.dropFirst(2).split(separator: " ").dropFirst().map(String.init)
            } else if inBlock {
                output.append(line)
            }
        }
        return steps
    }

    @Test("every command prints what the README shows")
    func walkThrough() throws {
        let steps = try Self.steps()
        #expect(steps.count == 13)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-readme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/Fixtures", withDestinationPath: ReconcileCLI.fixtures)
        for step in steps {
            let run = ReconcileCLI.execute(step.command, in: directory)
            var shown = (run.stdout + run.stderr)
            while shown.hasSuffix("\n") { shown.removeLast() }
            if run.status != 0 { shown += (shown.isEmpty ? "" : "\n") + "(exit \(run.status))" }
            #expect(shown == step.output, "budget-ledger \(step.command.joined(separator: " "))")
        }
    }
}
