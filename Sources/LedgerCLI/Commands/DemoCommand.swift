import ArgumentParser
import Foundation
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Build a throw-away ledger from the shipped fixtures and print its reports.")

    @Option(help: "The fixtures folder (default: ./Fixtures, else the one beside the build).")
    var fixtures: String?

    @Flag(help: "Keep the throw-away ledger and print where it is.")
    var keep = false

    func run() throws {
        try withLedgerErrors {
            let folder = try fixturesFolder()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("budget-ledger-demo-\(getpid())").path
            try? FileManager.default.removeItem(atPath: directory)
            defer { if !keep { try? FileManager.default.removeItem(atPath: directory) } }
            let out = Output.standard
            let store = try Ledger.create(at: directory)
            let year = folder + "/year-2025-26.jsonl"

            section("1. post a year of events for a dozen budgets (\(year))")
            let posted = try store.post { try LineReader(path: year) }
            out.write(PostOutput.text(posted, partial: false))

            section("2. balances of every budget")
            let states = try store.balanceSheet().states
            out.write(BalanceOutput.table(states))

            if let mixed = states.first(where: { $0.opening.holdingModel == .mixed && $0.pots.count == 3 }) ?? states.first {
                section("3. one mixed budget in detail: balance \(mixed.budget)")
                out.write(BalanceOutput.text(mixed))
                section("4. the same budget as its books stood on 2025-09-30 (balance --as-of-date 2025-09-30)")
                if let halfYear = try store.budgetState(mixed.budget, view: ViewFilter(asOfDate: CalendarDate(iso: "2025-09-30"))) {
                    out.write(BalanceOutput.text(halfYear))
                }
                section("5. its audit trail (audit \(mixed.budget))")
                var rows = AuditOutput(format: .table)
                for entry in try store.auditTrail(of: mixed.budget).entries { _ = rows.add(entry) }
                out.write(rows.finish())
            }

            let bad = folder + "/bad/rejections.jsonl"
            if FileManager.default.fileExists(atPath: bad) {
                section("6. bad input is refused with a stable code and changes nothing (\(bad))")
                out.write(PostOutput.text(try store.post { try LineReader(path: bad) }, partial: false))
            }

            let statement = folder + "/statements/PHB-0004-third_party-2026-03-31.csv"
            if FileManager.default.fileExists(atPath: statement) {
                section("7. a finance officer reconciles the ISF statement of PHB-0004 for January to March")
                var reconcile = try ReconcileCommand.parse(["PHB-0004", "--ledger", directory, "--pot", "third_party",
                                                            "--statement", statement, "--period-end", "2026-03-31"])
                try reconcile.run()
                section("8. the commissioner's report for the year")
                var report = try ReportCommand.parse(["--ledger", directory, "--from", "2025-04-01", "--to", "2026-03-31"])
                try report.run()
            }

            section("9. posting the same year again: every event is a duplicate")
            out.write(PostOutput.text(try store.post { try LineReader(path: year) }, partial: false))

            section("10. verify: the hash chain and every projection")
            let report = try store.verify()
            out.line(report.isIntact
                ? "ok: \(report.eventsChecked) events chain correctly; \(report.budgetsChecked) projections match a replay"
                : "MISMATCH: \(report.firstBadEvent ?? report.projectionMismatches.joined(separator: "; "))")
            try carePlan(folder: folder, directory: directory, store: store)
            if keep { out.line("\nthe demo ledger is kept at \(directory)") }
            out.flush()
        }
    }

    /// SPEC 9 on the same ledger: the care plan layered on the year, and each new command once.
    private func carePlan(folder: String, directory: String, store: Ledger) throws {
        let layer = folder + "/care-plan-2025-26.jsonl"
        guard FileManager.default.fileExists(atPath: layer) else { return }
        section("11. the care plans, schedules, reviews and repayment requests of the year (\(layer))")
        Output.standard.write(PostOutput.text(try store.post { try LineReader(path: layer) }, partial: false))
        let ledger = ["--ledger", directory]
        section("12. one budget's care plan against its spending (plan PHB-0001)")
        let plan = try PlanCommand.parse(["PHB-0001"] + ledger)
        try plan.run()
        section("13. the scheduled transfers due by 30 April 2026 (due --to 2026-04-30), then posted (--post)")
        let due = try DueCommand.parse(["--to", "2026-04-30"] + ledger)
        try due.run()
        // Through the demo's own store and clock: a second open of the ledger in this process,
        // or a pinned clock behind the demo's, would be refused.
        Output.standard.write(PostOutput.text(try DueCommand.post(to: store, through: CalendarDate(iso: "2026-04-30")!, budget: nil,
                                                                  partial: false, clock: Timestamp.now), partial: false))
        section("14. reviews due by the year end (reviews --due-by 2026-03-31)")
        let reviews = try ReviewsCommand.parse(["--due-by", "2026-03-31"] + ledger)
        try reviews.run()
        section("15. repayment requests on 30 April 2026 (repayments --on 2026-04-30)")
        let repayments = try RepaymentsCommand.parse(["--on", "2026-04-30"] + ledger)
        try repayments.run()
        section("16. the last quarter of the year for the board (report --quarter 2025-Q4)")
        let quarter = try ReportCommand.parse(["--quarter", "2025-Q4"] + ledger)
        try quarter.run()
    }

    private func section(_ title: String) {
        Output.standard.line("")
        Output.standard.line("== \(title)")
        Output.standard.flush()
    }

    private func fixturesFolder() throws -> String {
        var candidates: [String] = []
        if let fixtures { candidates.append(fixtures) }
        candidates.append(FileManager.default.currentDirectoryPath + "/Fixtures")
        // .build/<configuration>/budget-ledger → the package root.
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").path)
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/year-2025-26.jsonl") }) { return found }
        throw CommandFailure(status: .operationalFailure, message: "error: no fixtures found (looked in \(candidates.joined(separator: ", "))); pass --fixtures DIR")
    }
}
