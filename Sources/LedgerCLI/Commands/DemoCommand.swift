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
        let folder = try fixturesFolder()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("budget-ledger-demo-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        defer { if !keep { try? FileManager.default.removeItem(atPath: directory) } }
        // Every step is the command a finance officer would type, run as typed: the demo shows
        // the commands' own outputs and goes through no other path into the ledger.
        let ledger = ["--ledger", directory]
        let year = folder + "/year-2025-26.jsonl"
        section("1. create a ledger (init) and post a year of events for a dozen budgets (post \(year))")
        try InitCommand.parse(ledger).run()
        try PostCommand.parse([year] + ledger).run()

        section("2. balances of every budget (balances)")
        try BalancesCommand.parse(ledger).run()

        if let mixed = try mixedBudget(in: directory) {
            section("3. one mixed budget in detail (balance \(mixed))")
            try BalanceCommand.parse([mixed] + ledger).run()
            section("4. the same budget as its books stood on 2025-09-30 (balance \(mixed) --as-of-date 2025-09-30)")
            try BalanceCommand.parse([mixed, "--as-of-date", "2025-09-30"] + ledger).run()
            section("5. its audit trail (audit \(mixed))")
            try AuditCommand.parse([mixed] + ledger).run()
        }

        let bad = folder + "/bad/rejections.jsonl"
        if FileManager.default.fileExists(atPath: bad) {
            section("6. bad input is refused with a stable code and changes nothing (post \(bad))")
            try expectingRejections { try PostCommand.parse([bad] + ledger).run() }
        }

        let statement = folder + "/statements/PHB-0004-third_party-2026-03-31.csv"
        if FileManager.default.fileExists(atPath: statement) {
            section("7. a finance officer reconciles the ISF statement of PHB-0004 for January to March")
            try ReconcileCommand.parse(["PHB-0004", "--pot", "third_party", "--statement", statement, "--period-end", "2026-03-31"] + ledger).run()
            section("8. the commissioner's report for the year (report --from 2025-04-01 --to 2026-03-31)")
            try ReportCommand.parse(["--from", "2025-04-01", "--to", "2026-03-31"] + ledger).run()
        }

        section("9. posting the same year again: every event is a duplicate")
        try PostCommand.parse([year] + ledger).run()

        section("10. verify: the hash chain and every projection")
        try VerifyCommand.parse(ledger).run()
        try carePlan(folder: folder, ledger: ledger)
        if keep { Output.standard.line("\nthe demo ledger is kept at \(directory)") }
        Output.standard.flush()
    }

    /// SPEC 9 on the same ledger: the care plan layered on the year, and each new command once.
    private func carePlan(folder: String, ledger: [String]) throws {
        let layer = folder + "/care-plan-2025-26.jsonl"
        guard FileManager.default.fileExists(atPath: layer) else { return }
        section("11. the care plans, schedules, reviews and repayment requests of the year (post \(layer))")
        try PostCommand.parse([layer] + ledger).run()
        section("12. one budget's care plan against its spending (plan PHB-0001)")
        try PlanCommand.parse(["PHB-0001"] + ledger).run()
        section("13. the scheduled transfers due by 30 April 2026 (due --to 2026-04-30), then posted (--post)")
        try DueCommand.parse(["--to", "2026-04-30"] + ledger).run()
        try DueCommand.parse(["--to", "2026-04-30", "--post"] + ledger).run()
        section("14. reviews due by the year end (reviews --due-by 2026-03-31)")
        try ReviewsCommand.parse(["--due-by", "2026-03-31"] + ledger).run()
        section("15. repayment requests on 30 April 2026 (repayments --on 2026-04-30)")
        try RepaymentsCommand.parse(["--on", "2026-04-30"] + ledger).run()
        section("16. the last quarter of the year for the board (report --quarter 2025-Q4)")
        try ReportCommand.parse(["--quarter", "2025-Q4"] + ledger).run()
    }

    /// The budget the detail sections show: a mixed budget with all three pots, else the first.
    private func mixedBudget(in directory: String) throws -> String? {
        let states = try withLedgerErrors { try LedgerOptions.parse(["--ledger", directory]).open(forWriting: false).balanceSheet().states }
        return (states.first { $0.opening.holdingModel == .mixed && $0.pots.count == 3 } ?? states.first)?.budget
    }

    /// Runs a post that is meant to be refused: exit status 3 is the outcome being shown.
    private func expectingRejections(_ post: () throws -> Void) throws {
        do {
            try post()
        } catch let failure as CommandFailure where failure.status == .rejected && failure.message == nil {
            return
        }
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
