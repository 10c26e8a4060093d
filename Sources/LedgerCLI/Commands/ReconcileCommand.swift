import ArgumentParser
import Foundation
import LedgerDomain
import LedgerRendering
import LedgerStore

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Match a holder's bank or card statement (CSV) to a third-party or direct-payment pot.",
        discussion: """
            The statement is CSV with a header row naming date, description and amount, and optionally \
            reference and balance (any order). A malformed row is an error naming its line (exit 3) and \
            nothing is posted. --post records the result as a reconciliation event; posting the same \
            statement again is a duplicate.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The budget id.")
    var budget: String

    @Option(help: "The pot: third_party or direct_payment.")
    var pot: String

    @Option(help: "The statement, as CSV.")
    var statement: String

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
        let pot = Pot(rawValue: pot)!, end = CalendarDate(iso: periodEnd)!
        let parsed = try readStatement()
        let (store, reconciliation) = try withLedgerErrors { () throws -> (Ledger, Reconciliation) in
            let store = try ledger.open(forWriting: post)
            guard let (state, history) = try store.potHistory(budget: budget, pot: pot) else {
                throw CommandFailure(status: .operationalFailure, message: "error: there is no budget \"\(budget)\"")
            }
            guard state.index(of: pot) != nil else {
                let pots = state.pots.map(\.pot.rawValue).joined(separator: ", ")
                throw CommandFailure(status: .operationalFailure, message: "error: budget \"\(budget)\" has no \(pot.rawValue) pot (its pots: \(pots))")
            }
            guard let period = StatementPeriod.resolve(end: end, start: periodStart.flatMap(CalendarDate.init(iso:)), history: history, opening: state.opening) else {
                throw CommandFailure(status: .usage, message: "error: --period-end \(end) is before budget \"\(budget)\" starts (\(state.opening.periodStart)); pass --period-start")
            }
            return (store, Reconciliation(state: state, history: history, statement: parsed, period: period, surplusWeeks: surplus.weeks))
        }
        Output.standard.write(output.json ? ReconciliationOutput.json(reconciliation) : csv ? ReconciliationOutput.csv(reconciliation)
            : ReconciliationOutput.text(reconciliation, statementName: statement, posting: post))
        if post { try record(reconciliation, in: store) }
    }

    /// A malformed statement stops the command before the ledger is touched: nothing is posted.
    private func readStatement() throws -> Statement {
        let bytes = try withLedgerErrors { try InputFile.contents(of: statement, bytesMax: CSVReader.bytesMax + 1) }
        do {
            return try Statement.parse(bytes)
        } catch {
            throw CommandFailure(status: .rejected, message: "error: \(statement): \(error)")
        }
    }

    private func record(_ reconciliation: Reconciliation, in store: Ledger) throws {
        let eventID = id ?? Reconciliation.defaultEventID(budget: budget, pot: reconciliation.pot, periodEnd: reconciliation.period.end)
        var writer = JSONWriter()
        writer.beginObject()
        EventEncoder.writeFields(of: reconciliation.event(id: eventID), into: &writer)
        writer.endObject()
        let line = writer.text
        let report = try withLedgerErrors {
            try store.post(clock: try Clock.fromEnvironment()) { ArrayLineSource(text: line) }
        }
        guard let result = report.results.first else { preconditionFailure("one line was posted") }
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

