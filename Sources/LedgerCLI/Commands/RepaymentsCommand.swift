import ArgumentParser
import Foundation
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

/// `repayments` (SPEC 9): every repayment request and what has settled it.
struct RepaymentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repayments",
        abstract: "Every repayment request: requested, recovered, waived, outstanding, and whether it is overdue.",
        discussion: """
            Ordered by due date, then budget, then request. A request is overdue when money is \
            outstanding after its due date (on --on, default today, UTC). --csv for a spreadsheet.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var view: ViewOptions

    @Option(help: "Only this budget's requests.")
    var budget: String?

    @Option(help: "The day to judge overdue on (YYYY-MM-DD; default today, UTC).")
    var on: String?

    @Flag(help: "Print CSV.")
    var csv = false

    func validate() throws {
        if let on, CalendarDate(iso: on) == nil { throw ValidationError("--on \"\(on)\" is not a date YYYY-MM-DD") }
        if csv && output.json { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        let day = try on.flatMap(CalendarDate.init(iso:)) ?? Clock.fromEnvironment()().parts.date
        let report = try withLedgerErrors { try ledger.open(forWriting: false).repaymentsReport(on: day, budget: budget, view: view.filter) }
        Output.standard.write(output.json ? report.jsonLines
            : csv ? CarePlanOutput.repaymentsCSV(report) : CarePlanOutput.repaymentsText(report))
    }
}
