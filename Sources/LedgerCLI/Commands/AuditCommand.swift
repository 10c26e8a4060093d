import ArgumentParser
import Foundation
import LedgerApplication
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
            let trail = try ledger.open(forWriting: false).auditTrail(of: budget, view: view.filter)
            if let html {
                try writeHTML(trail, to: html)
                return
            }
            var rows = AuditOutput(format: output.json ? .json : csv ? .csv : .table)
            Output.standard.bytes(rows.header)
            for entry in trail.entries { Output.standard.bytes(rows.add(entry)) }
            Output.standard.write(rows.finish())
        }
    }

    private func writeHTML(_ trail: AuditTrail, to path: String) throws {
        let entries = trail.entries
        guard let state = trail.finalState else {
            throw CommandFailure(status: .operationalFailure, message: "error: budget \"\(budget)\" has no events in this view")
        }
        try PrivateFile.write(AuditHTMLOutput.page(budget: state, entries: entries, viewDescription: view.description), to: path)
        Output.standard.line("wrote the audit trail of \(budget) (\(entries.count) events) to \(path)")
        Output.standard.flush()
    }
}
