import ArgumentParser
import LedgerDomain
import LedgerRendering
import LedgerStore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check the hash chain and every projection against the events; exit 5 on any mismatch.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try withLedgerErrors {
            let store = try ledger.open(forWriting: false)
            let progress = Progress("verifying, events checked", json: output.json)
            defer { progress.finish() }
            return try store.verify(progress: { progress.report($0) })
        }
        Output.standard.write(output.json ? IntegrityOutput.json(report) : IntegrityOutput.text(report))
        if !report.isIntact { throw CommandFailure(status: .verifyMismatch, message: nil) }
    }
}

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Rebuild the projections from the events.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try withLedgerErrors {
            let store = try ledger.open(forWriting: true)
            let progress = Progress("replaying, events", json: output.json)
            let result: (events: UInt64, budgets: Int)
            do {
                result = try store.replay(progress: { progress.report($0) })
            } catch StoreError.damagedEvent(_, let detail) {
                // SPEC 6: a mismatch between the events and their hashes is what verify's exit 5 means.
                progress.finish()
                throw CommandFailure(status: .verifyMismatch,
                                     message: "error: replay refused: \(detail); nothing was written (verify names every mismatch)")
            }
            progress.finish()
            Output.standard.write(output.json ? IntegrityOutput.replayJSON(events: result.events, budgets: result.budgets)
                : IntegrityOutput.replayText(events: result.events, budgets: result.budgets))
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every event with its envelope and hash as JSON Lines; posting it into a new ledger gives the same balances.")

    @OptionGroup var ledger: LedgerOptions

    @Option(name: .customLong("since-seq"), help: "Only events after this seq (ship the tail of the log to a copy).")
    var sinceSeq: UInt64 = 0

    func run() throws {
        try withLedgerErrors {
            let store = try ledger.open(forWriting: false)
            try store.export(sinceSeq: sinceSeq) { Output.standard.bytes(ExportOutput.line($0)) }
            Output.standard.flush()
        }
    }
}
