import ArgumentParser
import LedgerApplication
import LedgerDomain
import LedgerStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The commissioner's report for a period: budgets by holding model, money by pot, and what needs follow-up.",
        discussion: """
            Budgets open in the period (opened by --to and not closed before --from) by \
            holding model; allocated and held by pot as at --to, spent and recovered in the period; open \
            commitments; pots with unreconciled payments older than 90 days at --to; pots holding more than \
            --surplus-weeks of funding. --csv prints one row per budget and pot.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The first day of the period (YYYY-MM-DD).")
    var from: String

    @Option(help: "The last day of the period (YYYY-MM-DD).")
    var to: String

    @Flag(help: "Print one CSV row per budget and pot.")
    var csv = false

    @OptionGroup var surplus: SurplusOptions

    /// `--as-of-seq` and `--known-at` answer "what the report said as the ledger was known
    /// then"; the business dates come from --from and --to.
    @OptionGroup var view: ViewOptions

    func validate() throws {
        if view.asOfDate != nil { throw ValidationError("report takes its dates from --from and --to, not --as-of-date") }
        if csv && output.json { throw ValidationError("choose one of --json and --csv") }
        guard let start = CalendarDate(iso: from) else { throw ValidationError("--from \"\(from)\" is not a date YYYY-MM-DD") }
        guard let end = CalendarDate(iso: to) else { throw ValidationError("--to \"\(to)\" is not a date YYYY-MM-DD") }
        if start > end { throw ValidationError("--from \(start) is after --to \(end)") }
    }

    func run() throws {
        let start = CalendarDate(iso: from)!, end = CalendarDate(iso: to)!
        let report = try withLedgerErrors {
            try ledger.open(forWriting: false).commissionerReport(from: start, to: end, view: view.filter, surplusWeeks: surplus.weeks)
        }
        if output.json {
            Output.standard.line(bytes: report.json)
            Output.standard.flush()
        } else if csv {
            CommissionerReportRenderer.renderCSV(report)
        } else {
            CommissionerReportRenderer.renderText(report)
        }
    }
}
