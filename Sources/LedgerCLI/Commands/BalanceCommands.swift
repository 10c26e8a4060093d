import ArgumentParser
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

struct BalanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "balance", abstract: "One budget's balances (SPEC 3).")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var view: ViewOptions

    @Argument(help: "The budget id.")
    var budget: String

    func run() throws {
        try withLedgerErrors {
            let state = try ledger.open(forWriting: false).balanceFigures(of: budget, view: view.filter)
            Output.standard.write(output.json ? BalanceOutput.json(state) : BalanceOutput.text(state))
        }
    }
}

struct BalancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "balances", abstract: "Every budget, one row each, ordered by budget id.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var view: ViewOptions

    @Flag(help: "Print CSV.")
    var csv = false

    @Option(name: .customLong("surplus-weeks"),
            help: "Add each third-party and direct-payment pot's surplus: held beyond this many weeks of its allocation (SPEC 7).")
    var surplusWeeks: Int?

    func validate() throws {
        if output.json && csv { throw ValidationError("choose one of --json and --csv") }
        if let surplusWeeks { try SurplusOptions.validate(surplusWeeks) }
    }

    func run() throws {
        try withLedgerErrors {
            let sheet = try ledger.open(forWriting: false).balanceSheet(view: view.filter, surplusWeeks: surplusWeeks)
            Output.standard.write(output.json ? BalanceOutput.jsonLines(sheet) : csv ? BalanceOutput.csv(sheet) : BalanceOutput.table(sheet))
        }
    }
}
