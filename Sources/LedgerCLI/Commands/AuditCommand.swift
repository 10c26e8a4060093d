import ArgumentParser
import LedgerDomain
import LedgerStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "A budget's events in order, who recorded them and when, with the balances after each.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var view: ViewOptions

    @Flag(help: "Print CSV.")
    var csv = false

    @Argument(help: "The budget id.")
    var budget: String

    func validate() throws {
        if csv && output.json { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        try withLedgerErrors {
            let store = try ledger.open(forWriting: false)
            guard try store.budgetState(budget) != nil else {
                throw CommandFailure(status: .operationalFailure, message: "error: there is no budget \"\(budget)\"")
            }
            var renderer = AuditRenderer(format: output.json ? .json : csv ? .csv : .table)
            try store.audit(budget, view: view.filter) { renderer.add($0) }
            renderer.finish()
        }
    }
}
