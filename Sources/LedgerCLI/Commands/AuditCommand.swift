import ArgumentParser
import Foundation
import LedgerDomain
import LedgerRendering
import LedgerStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "A budget's events in order, who recorded them and when, with the balances after each.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var view: ViewOptions

    @Flag(help: "Print CSV.")
    var csv = false

    @Option(help: ArgumentHelp("Write a self-contained HTML page (header, charts per pot, every event) to this file.", valueName: "file"))
    var html: String?

    @Argument(help: "The budget id.")
    var budget: String

    func validate() throws {
        if [csv, output.json, html != nil].filter({ $0 }).count > 1 { throw ValidationError("choose one of --json, --csv and --html") }
    }

    func run() throws {
        try withLedgerErrors {
            let store = try ledger.open(forWriting: false)
            guard try store.budgetState(budget) != nil else {
                throw CommandFailure(status: .operationalFailure, message: "error: there is no budget \"\(budget)\"")
            }
            if let html {
                try writeHTML(to: html, store: store)
                return
            }
            var rows = AuditOutput(format: output.json ? .json : csv ? .csv : .table)
            Output.standard.bytes(rows.header)
            try store.audit(budget, view: view.filter) { Output.standard.bytes(rows.add($0)) }
            Output.standard.write(rows.finish())
        }
    }

    private func writeHTML(to path: String, store: Ledger) throws {
        var entries: [AuditEntry] = []
        try store.audit(budget, view: view.filter) { entries.append($0) }
        guard let state = entries.last?.stateAfter else {
            throw CommandFailure(status: .operationalFailure, message: "error: budget \"\(budget)\" has no events in this view")
        }
        try PrivateFile.write(AuditHTMLOutput.page(budget: state, entries: entries, viewDescription: view.description), to: path)
        Output.standard.line("wrote the audit trail of \(budget) (\(entries.count) events) to \(path)")
        Output.standard.flush()
    }
}
