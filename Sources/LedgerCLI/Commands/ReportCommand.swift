import ArgumentParser
import LedgerApplication
import LedgerDomain
import LedgerRendering
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

            --quarter YYYY-Qn instead (SPEC 9; quarters of the NHS financial year starting in April \
            of YYYY): budgets in place at the quarter's end by holding model and cohort, budgets opened \
            in it, and each pot's allocated, spent and recovered in it. --csv prints one row per figure.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The first day of the period (YYYY-MM-DD).")
    var from: String?

    @Option(help: "The last day of the period (YYYY-MM-DD).")
    var to: String?

    @Option(help: "A quarter of the financial year, YYYY-Qn (Q1 = April–June of YYYY), instead of --from and --to.")
    var quarter: String?

    @Flag(help: "Print one CSV row per budget and pot.")
    var csv = false

    @OptionGroup var surplus: SurplusOptions

    /// `--as-of-seq` and `--known-at` answer "what the report said as the ledger was known
    /// then"; the business dates come from --from and --to.
    @OptionGroup var view: ViewOptions

    func validate() throws {
        if view.asOfDate != nil { throw ValidationError("report takes its dates from --from and --to, not --as-of-date") }
        if csv && output.json { throw ValidationError("choose one of --json and --csv") }
        if let quarter {
            if from != nil || to != nil { throw ValidationError("choose --quarter or --from and --to") }
            guard FinancialQuarter(quarter) != nil else { throw ValidationError("--quarter \"\(quarter)\" is not a quarter YYYY-Qn (n 1–4)") }
            return
        }
        guard let from, let to else { throw ValidationError("give --from and --to, or --quarter") }
        guard let start = CalendarDate(iso: from) else { throw ValidationError("--from \"\(from)\" is not a date YYYY-MM-DD") }
        guard let end = CalendarDate(iso: to) else { throw ValidationError("--to \"\(to)\" is not a date YYYY-MM-DD") }
        if start > end { throw ValidationError("--from \(start) is after --to \(end)") }
    }

    func run() throws {
        if let quarter { return try runQuarter(FinancialQuarter(quarter)!) }
        let start = CalendarDate(iso: from!)!, end = CalendarDate(iso: to!)!
        let report = try withLedgerErrors {
            try ledger.open(forWriting: false).commissionerReport(from: start, to: end, view: view.filter, surplusWeeks: surplus.weeks)
        }
        Output.standard.write(output.json ? CommissionerReportOutput.json(report)
            : csv ? CommissionerReportOutput.csv(report) : CommissionerReportOutput.text(report))
    }

    private func runQuarter(_ quarter: FinancialQuarter) throws {
        let report = try withLedgerErrors { try ledger.open(forWriting: false).quarterReport(quarter, view: view.filter) }
        Output.standard.write(output.json ? report.json : csv ? CarePlanOutput.quarterCSV(report) : CarePlanOutput.quarterText(report))
    }
}
