import Foundation
import Testing

/// The README's "Reconciliation walk-through" and "Quarter-end walk-through" claim to be real
/// output: every command in a section's code blocks is run again, in order, in a fresh
/// directory beside the fixtures, and must print exactly what the README shows (standard
/// output, then standard error, then `(exit N)` when the status is not 0).
@Suite("README: the reconciliation walk-throughs are real output")
struct ReconcileReadmeTests {
    struct Step {
        let command: [String]
        let output: String
    }

    /// The `$ budget-ledger …` lines of the section's code blocks, each with the lines under it.
    static func steps(section title: String) throws -> [Step] {
        let readme = try String(contentsOf: ReconcileCLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let parts = readme.components(separatedBy: "\n## \(title)\n")
        try #require(parts.count == 2, "the README has one section \(title)")
        let section = try #require(parts.last?.components(separatedBy: "\n## ").first)
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

    @Test("every command prints what the README shows", arguments: [("Reconciliation walk-through", 13),
                                                                   ("Quarter-end walk-through: split columns and a late cheque", 7)])
    func walkThrough(_ title: String, _ count: Int) throws {
        let steps = try Self.steps(section: title)
        #expect(steps.count == count)
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
