import ArgumentParser
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

/// `reviews --due-by D` (SPEC 9): the budgets whose review is due.
struct ReviewsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviews",
        abstract: "Budgets whose next review falls on or before a date, most overdue first.",
        discussion: """
            The next review is the latest review's next_review; before the first review, three months \
            after opening for a budget with a direct-payment pot and twelve otherwise (NHS Direct \
            Payments Regulations 2013). None after a stop or once the budget is closed. --csv for a spreadsheet.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var view: ViewOptions

    @Option(name: .customLong("due-by"), help: "List reviews due on or before this date (YYYY-MM-DD).")
    var dueBy: String

    @Flag(help: "Print CSV.")
    var csv = false

    func validate() throws {
        guard CalendarDate(iso: dueBy) != nil else { throw ValidationError("--due-by \"\(dueBy)\" is not a date YYYY-MM-DD") }
        if csv && output.json { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        let report = try withLedgerErrors { try ledger.open(forWriting: false).reviewsReport(dueBy: CalendarDate(iso: dueBy)!, view: view.filter) }
        Output.standard.write(output.json ? report.jsonLines : csv ? CarePlanOutput.reviewsCSV(report) : CarePlanOutput.reviewsText(report))
    }
}
