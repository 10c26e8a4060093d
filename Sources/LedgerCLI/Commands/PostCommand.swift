import ArgumentParser
import Foundation
import LedgerDomain
import LedgerStore

struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Append events from a JSON Lines file or standard input.",
        discussion: "All-or-nothing: if any event is rejected nothing is written and every rejection is listed. --partial writes the accepted events.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Write the accepted events even when others are rejected.")
    var partial = false

    @Option(help: ArgumentHelp("Lines checked and written per commit: a larger file lands in several commits, and readers see it only once it is whole.", valueName: "n"))
    var linesPerCommit: Int = Ledger.defaultLinesPerCommit

    @Argument(help: "The JSON Lines file (default: standard input).")
    var file: String?

    func validate() throws {
        guard linesPerCommit > 0 else { throw ValidationError("--lines-per-commit must be at least 1") }
    }

    func run() throws {
        let (report, spool) = try withLedgerErrors {
            let clock = try Clock.fromEnvironment()
            // The input is opened and checked (standard input copied) before the ledger is
            // locked for writing: an input that cannot be read, or never ends, holds up no one.
            let input = try InputFile(path: file, copyBytesMax: try TestSwitches.standardInputBytesMax())
            let store = try ledger.open(forWriting: true)
            try TestSwitches.killAfterImportCommit(store)
            let spool = try PostResultSpool(json: output.json)
            let progress = Progress("posting, lines read", json: output.json)
            defer { progress.finish() }
            let report = try store.post(mode: partial ? .partial : .allOrNothing, linesPerCommit: linesPerCommit, clock: clock, progress: { progress.report($0) },
                                        openSource: {
                                            try spool.restart()
                                            return try input.lines()
                                        }, eachResult: spool.add)
            return (report, spool)
        }
        try spool.render(report, partial: partial)
        if report.rejected > 0 { throw CommandFailure(status: .rejected, message: nil) }
    }
}
