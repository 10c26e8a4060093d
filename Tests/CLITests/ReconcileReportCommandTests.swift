import Foundation
import Testing

/// `budget-ledger report` over the fixture year. The figures asserted here were computed
/// independently from the year file with Fixtures/tools/model.py (payments, recoveries and the
/// reversals dated in the period), not read back from this engine.
@Suite("report: the commissioner's report on the command line")
struct ReconcileReportCommandTests {
    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("the financial year: budgets by holding model, overdue reconciliations, surplus")
    func financialYear() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let run = cli.run("report", "--from", "2025-04-01", "--to", "2026-03-31", "--json")
        #expect(run.status == 0)
        let report = try object(run.stdout)
        #expect(report["budgets"] as? [String: Int] == ["notional": 2, "third_party": 2, "direct_payment": 3, "mixed": 5, "total": 12])
        // PHB-0012's third-party pot was never reconciled: its 18 payments of July–December
        // 2025 are more than 90 days old at 2026-03-31.
        #expect(run.stdout.contains(#""unreconciled_over_90_days":[{"budget":"PHB-0012","pot":"third_party","count":18,"amount":"4723.04","oldest":"2025-07-13"}]"#))
        #expect(run.stdout.contains(#""notional":{"pots":6,"allocated":"122200.00","spent":"84708.53"}"#))
        // The surplus list is every pot that `balances --surplus-weeks 8` shows above zero on that day.
        let balances = cli.run("balances", "--json", "--surplus-weeks", "8", "--as-of-date", "2026-03-31").stdout.split(separator: "\n")
        var positive: [String] = []
        for line in balances {
            let budget = try object(String(line))
            for (pot, value) in try #require(budget["pots"] as? [String: [String: Any]]) {
                if let surplus = value["surplus"] as? String, surplus != "0.00" { positive.append("\(budget["budget"]!) \(pot) \(surplus)") }
            }
        }
        let listed = try #require(report["surplus"] as? [[String: String]]).map { "\($0["budget"]!) \($0["pot"]!) \($0["surplus"]!)" }
        #expect(listed.sorted() == positive.sorted())
        #expect(listed.count == 11)
    }

    @Test("a quarter as CSV: spent and recovered are what is dated in it")
    func quarterCSV() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let run = cli.run("report", "--from", "2026-01-01", "--to", "2026-03-31", "--csv")
        #expect(run.status == 0)
        let rows = run.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first == "budget,holding_model,pot,allocated,spent,recovered,held,open_commitments,open_committed,unreconciled_over_90_days,unreconciled_over_90_days_amount,surplus")
        for expected in ["PHB-0004,third_party,third_party,27600.00,5299.68,1500.00,", "PHB-0007,direct_payment,direct_payment,17280.00,3127.95,1632.00,",
                         "PHB-0008,mixed,direct_payment,10800.00,1746.36,2768.00,", "PHB-0011,mixed,direct_payment,9600.00,1454.25,1627.00,"] {
            #expect(rows.contains { $0.hasPrefix(expected) }, "missing: \(expected)")
        }
        #expect(rows.count == 1 + 19)  // every pot of the 12 budgets
    }

    @Test("a budget closed before the period is not open in it")
    func closedBefore() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        // PHB-0006 closed on 2026-03-31; PHB-0002 on 2026-04-27, inside April.
        let april = try object(cli.run("report", "--from", "2026-04-01", "--to", "2026-04-30", "--json").stdout)
        #expect(april["budgets"] as? [String: Int] == ["notional": 2, "third_party": 2, "direct_payment": 2, "mixed": 5, "total": 11])
    }

    @Test("the text report names its sections; a reversed period is a usage error")
    func textAndUsage() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let text = cli.run("report", "--from", "2025-04-01", "--to", "2026-03-31").stdout
        for expected in ["budgets open in the period: 12 (notional 2, third_party 2, direct_payment 3, mixed 5)",
                         "open commitments at 2026-03-31:", "over 90 days old): 1 pot", "PHB-0012  third_party", "held above 8 weeks' funding"] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
        #expect(cli.run("report", "--from", "2026-04-01", "--to", "2026-03-31").status == 2)
    }
}
