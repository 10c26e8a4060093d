import ArgumentParser
import LedgerStore

/// `upgrade`: rewrites a ledger of an older on-disk format in the current one, in place.
struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Rewrite a ledger of an older on-disk format in the current one, in place (events and hashes unchanged).")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    /// For the crash harness: small first commits, so that its kills fall between them.
    @Option(help: .hidden)
    var entriesPerCommit: Int = Ledger.defaultEntriesPerCommit

    func validate() throws {
        guard entriesPerCommit > 0 else { throw ValidationError("--entries-per-commit must be at least 1") }
    }

    func run() throws {
        try withLedgerErrors {
            let progress = Progress("upgrading, events", json: output.json)
            let report: UpgradeReport
            do {
                report = try Ledger.upgrade(at: ledger.directory, maximumMapSize: MapSizeLimit.fromEnvironment(),
                                            entriesPerCommit: entriesPerCommit, progress: { progress.report($0) })
            } catch StoreError.damagedEvent(_, let detail) {
                // As replay: projections are never rebuilt from events that do not match their
                // hashes. The last commit, which would record the new format, is not made.
                progress.finish()
                throw CommandFailure(status: .verifyMismatch,
                                     message: "error: upgrade refused: \(detail); the ledger is still in its old format (upgrade added only money effects and budget index entries derived from its events, which no older format reads)")
            }
            progress.finish()
            if output.json {
                Output.standard.line("{\"from_format\":\(report.fromFormat),\"format\":\(report.toFormat),\"events\":\(report.events),\"budgets\":\(report.budgets)}")
            } else if report.changedAnything {
                Output.standard.line("upgraded from format \(report.fromFormat) to format \(report.toFormat): \(report.events) events, \(report.budgets) budget projections rebuilt")
            } else {
                Output.standard.line("already in format \(report.toFormat): nothing to do")
            }
            Output.standard.flush()
        }
    }
}
