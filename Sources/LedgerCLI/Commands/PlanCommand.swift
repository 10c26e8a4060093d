import ArgumentParser
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

/// `plan BUDGET` (SPEC 9): the care plan's lines and the money put against each.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "A budget's care plan: each line planned, committed, spent and left; spending outside the plan.",
        discussion: """
            Lines in the order first posted, ended lines included. Payments naming no line are \
            unattributed when a line of their pot has their category, and outside the plan otherwise. \
            --csv prints the lines for a spreadsheet.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var view: ViewOptions

    @Flag(help: "Print the lines as CSV.")
    var csv = false

    @Argument(help: "The budget id.")
    var budget: String

    func validate() throws {
        if csv && output.json { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        let report = try withLedgerErrors { try ledger.open(forWriting: false).planReport(budget, view: view.filter) }
        Output.standard.write(output.json ? report.jsonLines
            : csv ? CarePlanOutput.planCSV(report) : CarePlanOutput.planText(report, budget: budget, view: view.description))
    }
}
