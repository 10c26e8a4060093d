import Foundation
import Testing

/// SPEC 9's commands through the real executable, byte for byte against the outputs the
/// independent model (Fixtures/tools/careplan_model.py) computed from SPEC alone for the
/// fixture year and its care-plan layer. `Fixtures/expected/care-plan/commands.tsv` names each
/// expected file and the arguments that print it.
@Suite(.serialized) struct CarePlanContractTests {
    struct Expected: Sendable, CustomStringConvertible {
        let file: String
        let arguments: [String]
        var description: String { arguments.joined(separator: " ") }
    }

    static let manifest: [Expected] = {
        let path = CLIRunner.fixture("expected/care-plan/commands.tsv")
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { row in
            let columns = row.split(separator: "\t", maxSplits: 1)
            guard columns.count == 2 else { return nil }
            return Expected(file: String(columns[0]), arguments: columns[1].split(separator: " ").map(String.init))
        }
    }()

    /// A ledger holding the year file and the care-plan layer, built once per run of the suite.
    static func postedLedger() throws -> CLIRunner {
        let cli = CLIRunner()
        try cli.run(["init"])
        let year = try cli.run(["post", CLIRunner.fixture("year-2025-26.jsonl")])
        #expect(year.status == 0)
        let plan = try cli.run(["post", "--json", CLIRunner.fixture("care-plan-2025-26.jsonl")])
        #expect(plan.status == 0, "\(plan.standardOutput.suffix(400))")
        return cli
    }

    private static func expected(_ name: String) throws -> String {
        try String(contentsOfFile: CLIRunner.fixture("expected/care-plan/" + name), encoding: .utf8)
    }

    @Test func theManifestNamesEveryNewCommand() {
        let commands = Set(Self.manifest.map { $0.arguments.first ?? "" })
        #expect(commands == ["due", "plan", "reviews", "repayments", "report"])
        #expect(Self.manifest.count >= 30)
    }

    @Test func everyNewCommandsJSONMatchesTheIndependentModelByteForByte() throws {
        let cli = try Self.postedLedger()
        defer { cli.remove() }
        // `due --post` writes, so it runs last.
        let ordered = Self.manifest.filter { !$0.arguments.contains("--post") } + Self.manifest.filter { $0.arguments.contains("--post") }
        for expected in ordered {
            let result = try cli.run(expected.arguments + ["--json"])
            #expect(result.standardOutput == (try Self.expected(expected.file)), "\(expected)")
            #expect(result.status == 0, "\(expected): \(result.standardError)")
        }
        let balances = try cli.run(["balances", "--json"])
        #expect(balances.standardOutput == (try Self.expected("balances-after-due-post.jsonl")))
    }

    /// SPEC 3's `--known-at` over the care plan: the layer posted in two halves an hour apart,
    /// the ledger as known between them holds the year and the first half only, which is what
    /// the model's `--as-of-seq` outputs at that seq describe.
    @Test func knownAtBetweenTwoPostsShowsTheCarePlanAsRecordedThen() throws {
        let atSeq = Self.manifest.filter { $0.arguments.contains("--as-of-seq") }
        try #require(atSeq.count == 3)
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let year = try cli.run(["post", CLIRunner.fixture("year-2025-26.jsonl")], environment: ["BUDGET_LEDGER_NOW": "2026-04-02T09:00:00.000Z"])
        #expect(year.status == 0)
        let layer = try String(contentsOfFile: CLIRunner.fixture("care-plan-2025-26.jsonl"), encoding: .utf8).split(separator: "\n")
        let firstHalf = 54
        for (half, time) in [(layer[..<firstHalf], "2026-04-02T10:00:00.000Z"), (layer[firstHalf...], "2026-04-02T11:00:00.000Z")] {
            let posted = try cli.run(["post"], input: half.joined(separator: "\n") + "\n", environment: ["BUDGET_LEDGER_NOW": time])
            #expect(posted.status == 0, "\(posted.standardOutput.suffix(300))")
        }
        for expected in atSeq {
            var arguments = expected.arguments
            let option = try #require(arguments.firstIndex(of: "--as-of-seq"))
            #expect(arguments[option + 1] == String(1167 + firstHalf), "the model's outputs are at the end of the first half")
            arguments.replaceSubrange(option...(option + 1), with: ["--known-at", "2026-04-02T10:30:00Z"])
            let result = try cli.run(arguments + ["--json"])
            #expect(result.standardOutput == (try Self.expected(expected.file)), "\(arguments)")
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
            // And the latest view differs: the second half changed each of these answers.
            let now = try cli.run(Array(arguments[..<option]) + ["--json"])
            #expect(now.standardOutput != result.standardOutput, "\(arguments)")
        }
    }

    @Test func dueWithPostRunTwiceWritesOnce() throws {
        let cli = try Self.postedLedger()
        defer { cli.remove() }
        let first = try cli.run(["due", "--to", "2026-04-30", "--post", "--json"])
        #expect(first.status == 0)
        #expect(first.lines.last == #"{"accepted":10,"duplicates":0,"rejected":0,"written":10}"#)
        let second = try cli.run(["due", "--to", "2026-04-30", "--post", "--json"])
        #expect(second.status == 0)
        #expect(second.lines == [#"{"accepted":0,"duplicates":0,"rejected":0,"written":0}"#])
        let due = try cli.run(["due", "--to", "2026-04-30", "--json"])
        #expect(due.lines == [#"{"due":0,"amount":"0.00"}"#])
    }

    @Test func anInstalmentThatWouldOverdrawStopsTheRunWithNothingWritten() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["post"], input: """
            {"id":"o","type":"budget_opened","budget":"B-1","date":"2025-04-01","person":"P","holding_model":"direct_payment","period_start":"2025-04-01","period_end":"2026-03-31"}
            {"id":"a","type":"allocation","budget":"B-1","date":"2025-04-01","amount":"150"}
            {"id":"s","type":"schedule_set","budget":"B-1","date":"2025-04-01","schedule":"S","kind":"direct_payment_transfer","amount":"100","every":"month","first":"2025-04-01"}

            """)
        let refused = try cli.run(["due", "--to", "2025-05-31", "--post"])
        #expect(refused.status == 3)
        #expect(refused.standardOutput.contains("schedule:B-1:S:2025-05-01"))
        #expect(refused.standardOutput.contains("insufficient_funds"))
        let export = try cli.run(["export"])
        #expect(export.lines.count == 3)
        let partial = try cli.run(["due", "--to", "2025-05-31", "--post", "--partial", "--json"])
        #expect(partial.status == 3)
        #expect(partial.lines.last == #"{"accepted":1,"duplicates":0,"rejected":1,"written":1}"#)
    }

    @Test func theCareplanRejectionsGetTheModelsCodes() throws {
        let cli = try Self.postedLedger()
        defer { cli.remove() }
        let result = try cli.run(["post", "--json", CLIRunner.fixture("bad/care-plan-rejections.jsonl")])
        #expect(result.status == 3)
        let expected = try String(contentsOfFile: CLIRunner.fixture("bad/care-plan-rejections.expected.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let withoutMessages = result.lines.map { line in
            line.replacingOccurrences(of: #","message":"(?:[^"\\]|\\.)*""#, with: "", options: .regularExpression)
        }
        #expect(withoutMessages == expected)
    }
}
