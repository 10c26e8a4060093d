import ArgumentParser
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

/// `due` (SPEC 9): the schedules' instalments that have fallen due and are not in the ledger.
struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "The scheduled transfers due by a date that are not yet in the ledger; --post posts them.",
        discussion: """
            Lists each instalment of the open budgets' schedules dated on or before --to whose id \
            (schedule:BUDGET:SCHEDULE:DATE) is not in the ledger, leaving out direct payments on days \
            a review has suspended or stopped them. --post posts them exactly as `post` would: all or \
            nothing (an instalment that would overdraw its pot is listed and nothing is written), or \
            with --partial the rest. Safe to run every night: a posted instalment is not due again.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The last day to list instalments for (YYYY-MM-DD).")
    var to: String

    @Option(help: "Only this budget's instalments.")
    var budget: String?

    @Flag(help: "Post the instalments.")
    var post = false

    @Flag(help: "With --post: write the instalments that pass even when others are refused.")
    var partial = false

    func validate() throws {
        guard CalendarDate(iso: to) != nil else { throw ValidationError("--to \"\(to)\" is not a date YYYY-MM-DD") }
        if partial && !post { throw ValidationError("--partial goes with --post") }
    }

    func run() throws {
        let through = CalendarDate(iso: to)!
        if post { return try postDue(through: through) }
        let due = try withLedgerErrors {
            let store = try ledger.open(forWriting: false)
            return try store.dueReport(to: through, budget: budget)
        }
        guard let lines = due.jsonLines else {
            throw CommandFailure(status: .operationalFailure, message: "error: the instalments due add up to more than the ledger can hold")
        }
        Output.standard.write(output.json ? lines : CarePlanOutput.dueText(due))
    }

    private func postDue(through: CalendarDate) throws {
        let report = try withLedgerErrors {
            try ledger.open(forWriting: true).postDue(through: through, budget: budget, mode: partial ? .partial : .allOrNothing,
                                                      clock: try Clock.fromEnvironment())
        }
        Output.standard.write(output.json ? PostOutput.jsonLines(report) : PostOutput.text(report, partial: partial))
        if report.rejected > 0 { throw CommandFailure(status: .rejected, message: nil) }
    }
}
