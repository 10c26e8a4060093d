import ArgumentParser
import Foundation
import LedgerApplication
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
            var renderer = AuditRenderer(format: output.json ? .json : csv ? .csv : .table)
            for entry in trail.entries { renderer.add(entry) }
            renderer.finish()
        }
    }

    private func writeHTML(_ trail: AuditTrail, to path: String) throws {
        let entries = trail.entries
        guard let state = trail.finalState else {
            throw CommandFailure(status: .operationalFailure, message: "error: budget \"\(budget)\" has no events in this view")
        }
        let page = AuditHTMLRenderer.render(budget: state, entries: entries, viewDescription: view.description)
        try PrivateFile.write(Array(page.utf8), to: path)
        Output.standard.line("wrote the audit trail of \(budget) (\(entries.count) events) to \(path)")
        Output.standard.flush()
    }
}
