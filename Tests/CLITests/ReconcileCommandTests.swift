import Foundation
import Testing

/// `budget-ledger reconcile` and `balances --surplus-weeks`, run as a subprocess. The expected
/// outputs in Fixtures/expected/statements/ come from Fixtures/tools/reconcile_model.py, an
/// independent model of SPEC 7, not from this engine.
@Suite("reconcile on the command line")
struct ReconcileCommandTests {
    @Test("reconcile --json prints the expected object for each fixture statement, or names the malformed line (exit 3)",
          arguments: StatementCase.all)
    func fixtureStatement(_ fixture: StatementCase) throws {
        let cli = try ReconcileCLI(posting: fixture.ledger)
        defer { cli.remove() }
        let run = cli.run(fixture.arguments + ["--json"])
        if let expected = fixture.expected {
            #expect(run.stdout == (try String(contentsOfFile: "\(ReconcileCLI.fixtures)/\(expected)", encoding: .utf8)))
            #expect(run.stderr == "")
            #expect(run.status == 0)
        } else {
            #expect(run.stderr == "error: \(fixture.path): \(try #require(fixture.error))\n")
            #expect(run.stdout == "")
            #expect(run.status == 3)
        }
    }

    @Test("a malformed statement posts nothing, even with --post", arguments: StatementCase.all.filter { $0.error != nil })
    func malformedPostsNothing(_ fixture: StatementCase) throws {
        let cli = try ReconcileCLI(posting: fixture.ledger)
        defer { cli.remove() }
        let before = cli.eventCount
        #expect(cli.run(fixture.arguments + ["--post"]).status == 3)
        #expect(cli.eventCount == before)
    }

    @Test("the manifest lists every statement: eleven outputs (SPEC 7 and 7.1 layouts) and eight malformed files")
    func manifest() {
        #expect(StatementCase.all.filter { $0.expected != nil }.count == 11)
        #expect(StatementCase.all.filter { $0.error != nil }.count == 8)
        // Every statement in the folder is exercised.
        let files = (try? FileManager.default.contentsOfDirectory(atPath: "\(ReconcileCLI.fixtures)/statements")) ?? []
        #expect(Set(files.filter { $0.hasSuffix(".csv") }.map { "statements/\($0)" }) == Set(StatementCase.all.map(\.statement)))
    }

    private static let q4 = StatementCase.all.first { $0.statement == "statements/PHB-0004-third_party-2026-03-31.csv" }!

    @Test("--post twice leaves one reconciliation: the second is a duplicate")
    func postTwice() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let first = cli.run(Self.q4.arguments + ["--post"])
        #expect(first.status == 0)
        #expect(first.stdout.hasSuffix("posted reconciliation:PHB-0004:third_party:2026-03-31 (seq 1168)\n"))
        let second = cli.run(Self.q4.arguments + ["--post", "--json"])
        #expect(second.status == 0)
        #expect(second.stderr == "already recorded: reconciliation:PHB-0004:third_party:2026-03-31 is a duplicate; nothing changed\n")
        #expect(cli.eventCount == 1168)
        let audit = cli.run("audit", "PHB-0004", "--json").stdout.split(separator: "\n")
        #expect(audit.filter { $0.contains(#""id":"reconciliation:PHB-0004:third_party:2026-03-31""#) }.count == 1)
        // SPEC 7.2: `matched` after period_start, the ids in statement line order as the model has them.
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(ReconcileCLI.fixtures)/\(try #require(Self.q4.expected))"))) as? [String: Any]
        let matched = try #require(expected?["matched"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(matched.count == 18)
        let matchedJSON = "[" + matched.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        #expect(audit.last?.hasPrefix(#"{"id":"reconciliation:PHB-0004:third_party:2026-03-31","type":"reconciliation","budget":"PHB-0004","date":"2026-03-31","pot":"third_party","period_end":"2026-03-31","statement_balance":"4549.30","period_start":"2026-01-01","matched":"#
            + matchedJSON + #","seq":1168,"version":84,"recorded_at":"2026-05-01T09:00:00.000Z""#) == true)
    }

    @Test("after --post, balance --json shows the new last_reconciliation and unreconciled")
    func balanceAfterPost() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        // Before: reconciled to 2025-12-31; the 15 Q4 payments are unreconciled (as model.py computed).
        let before = try #require(try String(contentsOfFile: "\(ReconcileCLI.fixtures)/expected/year-2025-26.balances.jsonl", encoding: .utf8)
            .split(separator: "\n").first { $0.contains(#""budget":"PHB-0004""#) })
        #expect(cli.run("balance", "PHB-0004", "--json").stdout == before + "\n")
        #expect(cli.run(Self.q4.arguments + ["--post"]).status == 0)
        // After: the figures of expected/statements/PHB-0004-third_party-2026-03-31.json, one more
        // event, and no payment dated after 2026-03-31.
        let after = before
            .replacingOccurrences(of: #""version":83"#, with: #""version":84"#)
            .replacingOccurrences(of: #""unreconciled":{"count":15,"amount":"5299.68"}"#, with: #""unreconciled":{"count":0,"amount":"0.00"}"#)
            .replacingOccurrences(of: #""last_reconciliation":{"period_end":"2025-12-31","expected":"4656.95","statement_balance":"4656.95","variance":"0.00","status":"balanced"}"#,
                                  with: #""last_reconciliation":{"period_end":"2026-03-31","expected":"4757.27","statement_balance":"4549.30","variance":"-207.97","status":"discrepancy"}"#)
        #expect(after != before)
        #expect(cli.run("balance", "PHB-0004", "--json").stdout == after + "\n")
    }

    @Test("--csv lists the unmatched lines for follow-up: statement side in line order, then ledger side")
    func csv() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let run = cli.run(Self.q4.arguments + ["--csv"])
        #expect(run.status == 0)
        #expect(run.stdout == """
            side,line,id,type,date,amount,description,reference
            statement_only,9,,,2026-01-31,-45.00,ISF management fee,FEE-2026-01
            statement_only,12,,,2026-02-13,-553.54,Invoice paid: Supreme Care Agency,SCA-202602-80
            statement_only,17,,,2026-02-28,-45.00,ISF management fee,FEE-2026-02
            statement_only,23,,,2026-03-31,-45.00,ISF management fee,FEE-2026-03
            ledger_only,,PHB-0004/2026-03-13/pay-59,payment,2026-03-13,480.57,Supreme Care Agency,

            """)
    }

    @Test("the terminal report names the period, the unmatched lines and the figures")
    func terminalReport() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let text = cli.run(Self.q4.arguments).stdout
        for expected in ["reconcile PHB-0004 third_party, period 2026-01-01 to 2026-03-31",
                         "22 rows in the period, 1 outside it ignored", "matched: 18 rows to recorded events",
                         "on the statement only (not recorded in the ledger): 4", "in the ledger only (not on the statement): 1",
                         "SCA-202602-80", "PHB-0004/2026-03-13/pay-59", "-207.97", "discrepancy", "314.82",
                         "nothing recorded: run again with --post"] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
    }

    @Test("a rejected reconciliation (an overdrawn closing balance) exits 3 after the report and writes nothing")
    func rejectedPost() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let file = cli.directory + "-overdrawn.csv"
        try "date,description,amount,balance\n2026-05-02,Card,-10.00,-7.50\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = cli.run("reconcile", "PHB-0005", "--pot", "direct_payment", "--statement", file, "--period-end", "2026-05-31", "--post", "--json")
        #expect(run.status == 3)
        #expect(run.stdout.contains(#""statement_balance":"-7.50""#))
        #expect(run.stderr.hasPrefix("error: reconciliation:PHB-0005:direct_payment:2026-05-31 was not posted: invalid_field:"))
        #expect(cli.eventCount == 1167)
    }

    @Test("--id names the posted event")
    func customID() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        #expect(cli.run(Self.q4.arguments + ["--post", "--id", "Q4-2025-26/PHB-0004"]).status == 0)
        #expect(cli.run("audit", "PHB-0004", "--json").stdout.contains(#"{"id":"Q4-2025-26/PHB-0004","type":"reconciliation""#))
    }

    @Test("usage errors exit 2", arguments: [
        ["--pot", "notional"], ["--json", "--csv"], ["--id", "x"], ["--period-start", "2026-04-01"], ["--surplus-weeks", "600"],
    ])
    func usage(_ extra: [String]) throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let run = cli.run(Self.q4.arguments + extra)
        #expect(run.status == 2)
        #expect(run.stdout == "")
    }

    @Test("a budget or pot the ledger does not have is an error (exit 1); so is a period ending before the budget starts (exit 2)")
    func notInLedger() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let path = Self.q4.path
        let unknown = cli.run("reconcile", "PHB-9999", "--pot", "third_party", "--statement", path, "--period-end", "2026-03-31")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: there is no budget \"PHB-9999\"\n")
        let noPot = cli.run("reconcile", "PHB-0005", "--pot", "third_party", "--statement", path, "--period-end", "2026-03-31")
        #expect(noPot.status == 1)
        #expect(noPot.stderr == "error: budget \"PHB-0005\" has no third_party pot (its pots: direct_payment)\n")
        let early = cli.run("reconcile", "PHB-0012", "--pot", "third_party", "--statement", path, "--period-end", "2025-06-30")
        #expect(early.status == 2)
    }

    @Test("balances --surplus-weeks adds surplus to each third-party and direct-payment pot")
    func balancesSurplus() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let lines = cli.run("balances", "--json", "--surplus-weeks", "8").stdout.split(separator: "\n")
        #expect(lines.count == 12)
        // PHB-0005: rate ⌊2,130,000 × 7 ÷ 365⌋ = 40,849 p; 8 weeks = 3,267.92; held 4,465.78 → 1,197.86.
        #expect(lines.first { $0.contains(#""budget":"PHB-0005""#) }?.hasSuffix(#""status":"discrepancy"},"surplus":"1197.86"}}}"#) == true)
        // PHB-0001 is notional only: nothing held elsewhere, no surplus.
        #expect(lines.first { $0.contains(#""budget":"PHB-0001""#) }?.contains("surplus") == false)
        // Without the option the output is SPEC 6.2's, unchanged.
        #expect(!cli.run("balances", "--json").stdout.contains("surplus"))
        #expect(cli.run("balances", "--surplus-weeks", "8", "--csv").stdout.hasPrefix(
            "budget,holding_model,status,person,version,allocated,committed,spent,recovered,remaining,surplus\nPHB-0001,notional,open,P-54667,65,34500.00,1293.03,26229.18,0.00,6977.79,\n"))
    }
}

/// SPEC 7.1: a mapping file is checked when read; a fault in it, or a column it names that the
/// statement lacks, is exit 3 naming the key or the column, and nothing is posted.
@Suite("reconcile --format FILE.json on the command line")
struct ReconcileMappingCommandTests {
    static let statement = "\(ReconcileCLI.fixtures)/statements/PHB-0004-third_party-2026-03-31-semicolons.csv"

    @Test("a bad mapping file or a column the statement lacks: exit 3, named, nothing posted", arguments: [
        (#"{"date":"Txn Date","description":"Memo","amount":"Amt","delimiter":";","skip_lines":3,"colour":"red"}"#,
         #"the mapping file MAPPING has an unknown key "colour""#),
        (#"{"date":"Txn Date","description":"Memo","paid_out":"Amt","delimiter":";","skip_lines":3}"#,
         #"the mapping file MAPPING names only one of "paid_out" and "paid_in""#),
        (#"{"date":"Txn Date","description":"Details","amount":"Amount","delimiter":";","skip_lines":3}"#,
         #"STATEMENT: line 4: the header has no column "Details", "Amount" that the mapping file names"#),
    ])
    func refused(_ json: String, _ message: String) throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let mapping = cli.directory + "-mapping.json"
        try json.write(toFile: mapping, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: mapping) }
        let run = cli.run(["reconcile", "PHB-0004", "--pot", "third_party", "--statement", Self.statement, "--period-end", "2026-03-31",
                           "--format", mapping, "--post"])
        #expect(run.status == 3)
        let expected = message.replacingOccurrences(of: "MAPPING", with: mapping).replacingOccurrences(of: "STATEMENT", with: Self.statement)
        #expect(run.stderr.hasPrefix("error: " + expected), "\(run.stderr)")
        #expect(run.stdout == "")
        #expect(cli.eventCount == 1167)
    }
}
