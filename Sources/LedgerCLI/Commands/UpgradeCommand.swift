import ArgumentParser
import LedgerStore

/// `upgrade`: rewrites a ledger of an older on-disk format in the current one, in place.
struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Rewrite a ledger of an older on-disk format in the current one, in place (events and hashes unchanged).")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try withLedgerErrors {
            let progress = Progress("upgrading, events", json: output.json)
            let report: UpgradeReport
            do {
                report = try Ledger.upgrade(at: ledger.directory, maximumMapSize: MapSizeLimit.fromEnvironment(),
                                            progress: { progress.report($0) })
            } catch StoreError.damagedEvent(_, let detail) {
                // As replay: projections are never rebuilt from events that do not match their hashes.
                progress.finish()
                throw CommandFailure(status: .verifyMismatch,
                                     message: "error: upgrade refused: \(detail); nothing was written (the ledger is still in its old format)")
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
