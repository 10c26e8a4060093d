import ArgumentParser
import Foundation
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Match a holder's bank or card statement (CSV) to a third-party or direct-payment pot.",
        discussion: """
            The statement is CSV as banks and card providers export it: --format auto finds the header \
            by the usual UK names (date, description, amount or paid out/paid in, reference, balance), \
            in UTF-8 or Windows-1252, split on commas, semicolons or tabs; a JSON mapping file names the \
            columns where it cannot. A malformed row is an error naming its line (exit 3) and nothing is \
            posted. --post records the result as a reconciliation event naming the events matched; \
            posting the same statement again is a duplicate.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The budget id.")
    var budget: String

    @Option(help: "The pot: third_party or direct_payment.")
    var pot: String

    @Option(help: "The statement, as CSV.")
    var statement: String

    @Option(help: "How to read the statement's columns: auto (find the header by the names banks use), standard (date, description, amount on line 1), or a JSON mapping file (SPEC 7.1).")
    var format = "auto"

    @Option(name: .customLong("period-end"), help: "The last day the statement covers (YYYY-MM-DD).")
    var periodEnd: String

    @Option(name: .customLong("period-start"),
            help: "The first day (default: the day after the pot's latest reconciled period_end, else the budget's period_start).")
    var periodStart: String?

    @Flag(help: "Record the result as a reconciliation event.")
    var post = false

    @Option(help: "The posted event's id (default: reconciliation:BUDGET:POT:PERIOD_END).")
    var id: String?

    @Flag(help: "Print the unmatched rows and events as CSV, for follow-up.")
    var csv = false

    @OptionGroup var surplus: SurplusOptions

    func validate() throws {
        if csv && output.json { throw ValidationError("choose one of --json and --csv") }
        guard let pot = Pot(rawValue: pot), pot.isHeldElsewhere else {
            throw ValidationError("--pot must be third_party or direct_payment (notional money is not held on a statement)")
        }
        guard let end = CalendarDate(iso: periodEnd) else { throw ValidationError("--period-end \"\(periodEnd)\" is not a date YYYY-MM-DD") }
        if let periodStart {
            guard let start = CalendarDate(iso: periodStart) else { throw ValidationError("--period-start \"\(periodStart)\" is not a date YYYY-MM-DD") }
            if start > end { throw ValidationError("--period-start \(start) is after --period-end \(end)") }
        }
        if id != nil && !post { throw ValidationError("--id names the event --post records; add --post") }
    }

    func run() throws {
        let request = ReconciliationRequest(budget: budget, pot: Pot(rawValue: pot)!, statement: try readStatement(),
                                            periodEnd: CalendarDate(iso: periodEnd)!, periodStart: periodStart.flatMap(CalendarDate.init(iso:)),
                                            surplusWeeks: surplus.weeks, eventID: id)
        guard post else {
            render(try withLedgerErrors { try ledger.open(forWriting: false).reconcile(request) })
            return
        }
        // Computed and recorded in one write transaction: the event holds the figures shown.
        let posted = try withLedgerErrors {
            try ledger.open(forWriting: true).reconcileAndPost(request, eventID: id, clock: try Clock.fromEnvironment())
        }
        render(posted.reconciliation)
        try report(posted)
    }

    private func render(_ reconciliation: Reconciliation) {
        Output.standard.write(output.json ? ReconciliationOutput.json(reconciliation) : csv ? ReconciliationOutput.csv(reconciliation)
            : ReconciliationOutput.text(reconciliation, statementName: statement, posting: post))
    }

    /// A malformed statement stops the command before the ledger is touched: nothing is posted.
    private func readStatement() throws -> Statement {
        let bytes = try withLedgerErrors { try InputFile.contents(of: statement, bytesMax: CSVReader.bytesMax + 1) }
        let statementFormat = try readFormat()
        do {
            return try Statement.parse(bytes, format: statementFormat)
        } catch {
            throw CommandFailure(status: .rejected, message: "error: \(statement): \(error)")
        }
    }

    /// `--format`: a mapping file is checked when read, before the statement (exit 3, nothing posted).
    private func readFormat() throws -> StatementFormat {
        switch format {
        case "auto": return .auto
        case "standard": return .standard
        default:
            let bytes = try withLedgerErrors { try InputFile.contents(of: format, bytesMax: StatementMapping.bytesMax) }
            do {
                return .mapping(try StatementMapping.parse(bytes))
            } catch {
                throw CommandFailure(status: .rejected, message: "error: the mapping file \(format) \(error)")
            }
        }
    }

    private func report(_ posted: PostedReconciliation) throws {
        let eventID = posted.eventID, result = posted.result
        // The report owns standard output with --json and --csv; the outcome goes beside it.
        let say: (String) -> Void = output.json || csv ? { StandardError.line($0) } : {
            Output.standard.line("")
            Output.standard.line($0)
            Output.standard.flush()
        }
        switch result.status {
        case .accepted: say("posted \(eventID) (seq \(result.seq ?? 0))")
        case .duplicate: say("already recorded: \(eventID) is a duplicate; nothing changed")
        case .rejected:
            let rejection = result.rejection.map { "\($0.code.rawValue): \($0.message)" } ?? "rejected"
            throw CommandFailure(status: .rejected, message: "error: \(eventID) was not posted: \(rejection)")
        }
    }
}

