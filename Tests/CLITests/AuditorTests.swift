import Crypto
import Foundation
import Testing

/// Issue 3: what an auditor relies on — digests, tamper detection, hot backups, shipping the
/// tail of the log, and bitemporal views — through the real executable.
@Suite struct AuditorTests {
    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    @Test func digestAtSeveralCutPointsIsTheSHA256OfBalancesJSONAtTheSameView() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["post", CLIRunner.fixture("year-2025-26.jsonl")])
        let export = try cli.run(["export"]).lines
        for seq in [1, 2, 37, 500, 1000, 1166] {
            let balances = try cli.run(["balances", "--json", "--as-of-seq", "\(seq)"]).standardOutput
            let chainHash = try #require(export[seq - 1].split(separator: "\"hash\":\"").last?.prefix(64))
            let digest = try cli.run(["digest", "--as-of-seq", "\(seq)", "--json"])
            #expect(digest.status == 0)
            #expect(digest.lines == [#"{"as_of_seq":\#(seq),"balances_sha256":"\#(Self.sha256(balances))","chain_hash":"\#(chainHash)"}"#])
        }
        let tip = try cli.run(["digest"])
        #expect(tip.lines[0] == "as_of_seq 1167")
        #expect(tip.lines[1] == "balances_sha256 \(Self.sha256(try cli.run(["balances", "--json"]).standardOutput))")
        #expect(try cli.run(["digest", "--as-of-seq", "1168"]).status == 1)
    }

    @Test func theChainCanBeRecomputedFromAnExportAlone() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["post", CLIRunner.fixture("year-2025-26.jsonl")])
        var previous = [UInt8](repeating: 0, count: 32)
        for line in try cli.run(["export"]).lines {
            let marker = try #require(line.range(of: ",\"hash\":\""))
            let canonical = Array((line[..<marker.lowerBound] + "}").utf8)
            var hasher = SHA256()
            hasher.update(data: previous)
            hasher.update(data: canonical)
            previous = Array(hasher.finalize())
            #expect(line[marker.upperBound...].prefix(64) == previous.map { String(format: "%02x", $0) }.joined())
        }
    }

    @Test func verifyNamesAChangedProjectionSeparatelyFromTheChain() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["post"], input: ContractOutputTests.events)
        // The stored projection holds the person as a length-prefixed string; the event holds JSON.
        let path = cli.ledger + "/data.mdb"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let range = try #require(bytes.range(of: Data([0, 0, 0, 3] + Array("P-9".utf8))))
        bytes[range.upperBound - 1] = UInt8(ascii: "8")
        try bytes.write(to: URL(fileURLWithPath: path))
        let damaged = try cli.run(["verify"])
        #expect(damaged.status == 5)
        #expect(damaged.lines == ["hash chain: ok (9 events)",
                                  "projections: MISMATCH budget PHB-1: the stored projection differs from a replay of its events"])
        let json = try cli.run(["verify", "--json"])
        #expect(json.lines == [#"{"ok":false,"events":9,"budgets":1,"first_bad_event":null,"projection_mismatches":["budget PHB-1: the stored projection differs from a replay of its events"]}"#])
        // replay rebuilds the projection from the events, and the ledger verifies again.
        #expect(try cli.run(["replay"]).status == 0)
        #expect(try cli.run(["verify"]).status == 0)
        #expect(try cli.run(["balance", "PHB-1", "--json"]).standardOutput.contains(#""person":"P-9""#))
    }

    @Test func aBackupTakenWhileAnotherProcessPostsVerifiesAndMatchesTheDigestAtItsSeq() throws {
        let cli = CLIRunner()
        let backup = CLIRunner()
        defer { cli.remove(); backup.remove() }
        try cli.run(["init"])
        // Twenty batches of 2,000 payments each, posted one after another by a child process.
        let folder = cli.ledger + "-batches"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try cli.run(["post"], input: #"{"id":"o","type":"budget_opened","budget":"B","date":"2025-04-01","person":"P","holding_model":"direct_payment","period_start":"2025-04-01","period_end":"2026-03-31"}"# + "\n"
            + #"{"id":"a","type":"allocation","budget":"B","date":"2025-04-01","amount":"9000000"}"# + "\n"
            + #"{"id":"t","type":"direct_payment_transfer","budget":"B","date":"2025-04-01","amount":"9000000"}"# + "\n")
        for batch in 0..<20 {
            let lines = (0..<2000).map { #"{"id":"p\#(batch)-\#($0)","type":"payment","budget":"B","date":"2025-05-01","payee":"PA","category":"personal_care","amount":"1.\#($0 % 90 + 10)"}"# }
            try (lines.joined(separator: "\n") + "\n").write(toFile: "\(folder)/\(batch).jsonl", atomically: true, encoding: .utf8)
        }
        let poster = Process()
        poster.executableURL = URL(fileURLWithPath: "/bin/sh")
        poster.arguments = ["-c", "for i in $(seq 0 19); do \"$0\" post --ledger \"$1\" \"$2/$i.jsonl\" > /dev/null || exit 1; done",
                            CLIRunner.executable.path, cli.ledger, folder]
        try poster.run()
        // Wait until some batches have landed, then back up while the rest are being posted.
        var waited = 0
        while try cli.run(["digest", "--json"]).standardOutput.contains(#""as_of_seq":3,"#) && waited < 400 {
            usleep(20_000)
            waited += 1
        }
        let taken = try cli.run(["backup", backup.ledger])
        poster.waitUntilExit()
        #expect(poster.terminationStatus == 0)
        #expect(taken.status == 0)
        #expect(try cli.run(["verify"]).status == 0)
        let verified = try backup.run(["verify", "--json"])
        #expect(verified.status == 0)
        let eventsField = verified.standardOutput.split(separator: ":")[2].split(separator: ",").first.map(String.init) ?? ""
        let copied = try #require(Int(eventsField))
        // The copy holds whole batches only: the three opening events plus k × 2,000.
        #expect((copied - 3) % 2000 == 0)
        #expect(try backup.run(["digest"]).standardOutput == cli.run(["digest", "--as-of-seq", "\(copied)"]).standardOutput)
        let mode = try FileManager.default.attributesOfItem(atPath: backup.ledger + "/data.mdb")[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    @Test func aCopyFollowsTheOriginalByPostingTheTailOfItsExport() throws {
        let original = CLIRunner(), copy = CLIRunner()
        defer { original.remove(); copy.remove() }
        try original.run(["init"])
        try copy.run(["init"])
        let year = try String(contentsOfFile: CLIRunner.fixture("year-2025-26.jsonl"), encoding: .utf8).split(separator: "\n")
        try original.run(["post"], input: year[..<600].joined(separator: "\n") + "\n")
        try copy.run(["post"], input: try original.run(["export"]).standardOutput)
        try original.run(["post"], input: year[600...].joined(separator: "\n") + "\n")
        let tail = try original.run(["export", "--since-seq", "600"])
        #expect(tail.lines.count == 567)
        #expect(tail.lines.first?.contains(#""seq":601,"#) == true)
        #expect(try copy.run(["post"], input: tail.standardOutput).status == 0)
        #expect(try copy.run(["digest"]).standardOutput == original.run(["digest"]).standardOutput)
    }

    @Test func bitemporalViewsAnswerWhatTheLedgerAsKnownAtTSaidAboutDateD() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["post"], input: ContractOutputTests.events, environment: ["BUDGET_LEDGER_NOW": "2025-05-01T10:00:00Z"])
        // Recorded on 20 May, dated 8 April: a late-entered direct-payment spend.
        let late = #"{"id":"late","type":"payment","budget":"PHB-1","date":"2025-04-08","pot":"direct_payment","payee":"PA J. Okafor","category":"personal_care","amount":"25"}"#
        try cli.run(["post"], input: late + "\n", environment: ["BUDGET_LEDGER_NOW": "2025-05-20T10:00:00Z"])
        func spent(_ arguments: [String]) throws -> String? {
            let output = try cli.run(["balance", "PHB-1", "--json"] + arguments).standardOutput
            return output.split(separator: "\"direct_payment\":{").last?.split(separator: ",").first { $0.hasPrefix("\"spent\"") }.map(String.init)
        }
        #expect(try spent(["--as-of-date", "2025-04-10", "--known-at", "2025-05-01T12:00:00Z"]) == #""spent":"0.00""#)
        #expect(try spent(["--as-of-date", "2025-04-10", "--known-at", "2025-05-20T12:00:00Z"]) == #""spent":"25.00""#)
        #expect(try spent(["--as-of-date", "2025-04-10"]) == #""spent":"25.00""#)
        #expect(try spent(["--known-at", "2025-05-01"]) == #""spent":"50.00""#)
        let audit = try cli.run(["audit", "PHB-1", "--csv", "--as-of-date", "2025-04-10", "--known-at", "2025-05-01T12:00:00Z"])
        #expect(audit.lines.map { $0.split(separator: ",")[4] } == ["id", "o1", "a1", "a2", "c1", "p1", "t1"])
        let balances = try cli.run(["balances", "--csv", "--as-of-date", "2025-04-10", "--known-at", "2025-05-20T12:00:00Z"])
        #expect(balances.lines == ["budget,holding_model,status,person,version,allocated,committed,spent,recovered,remaining",
                                   "PHB-1,mixed,open,P-9,7,1500.50,200.00,125.00,0.00,1175.50"])
    }

    @Test func theHTMLAuditPageIsSelfContainedAndHoldsEveryEvent() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["post"], input: ContractOutputTests.events)
        let page = cli.ledger + "-audit.html"
        defer { try? FileManager.default.removeItem(atPath: page) }
        let result = try cli.run(["audit", "PHB-1", "--html", page])
        #expect(result.lines == ["wrote the audit trail of PHB-1 (9 events) to \(page)"])
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2)  // one chart per pot
        for line in try cli.run(["export"]).lines {
            let hash = try #require(line.split(separator: "\"hash\":\"").last?.prefix(64))
            #expect(html.contains("title=\"\(hash)\""))
        }
        #expect(html.contains("<td class=\"num amount\">1,000.00</td>"))
        #expect(html.contains("Carewell Homecare Ltd · personal_care · against C1"))
    }

    /// The commissioner's report as the ledger was known at seq N equals the report of a ledger
    /// that only ever received the first N events.
    @Test func theCommissionersReportAnswersAsTheLedgerWasKnownThen() throws {
        let full = CLIRunner(), early = CLIRunner()
        defer { full.remove(); early.remove() }
        try full.run(["init"])
        try early.run(["init"])
        let year = try String(contentsOfFile: CLIRunner.fixture("year-2025-26.jsonl"), encoding: .utf8).split(separator: "\n")
        try full.run(["post"], input: year.joined(separator: "\n") + "\n")
        try early.run(["post"], input: year[..<700].joined(separator: "\n") + "\n")
        let period = ["report", "--json", "--from", "2025-04-01", "--to", "2026-03-31"]
        let asKnown = try full.run(period + ["--as-of-seq", "700"])
        #expect(asKnown.status == 0)
        #expect(asKnown.standardOutput == (try early.run(period)).standardOutput)
        #expect(asKnown.standardOutput != (try full.run(period)).standardOutput)
        let known = try full.run(period + ["--known-at", "2026-04-02T09:30:00Z"])
        #expect(known.standardOutput == (try full.run(period)).standardOutput)
    }
}
