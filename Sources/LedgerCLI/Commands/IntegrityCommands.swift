import ArgumentParser
import LedgerDomain
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
        let out = Output.standard
        if output.json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("ok")
            writer.bool(report.isIntact)
            writer.field("events", report.eventsChecked)
            writer.field("budgets", report.budgetsChecked)
            writer.key("first_bad_event")
            if let bad = report.firstBadEvent { writer.string(bad) } else { writer.null() }
            writer.key("projection_mismatches")
            writer.beginArray()
            for mismatch in report.projectionMismatches { writer.string(mismatch) }
            writer.endArray()
            writer.endObject()
            out.line(bytes: writer.bytes)
        } else {
            if let bad = report.firstBadEvent { out.line("hash chain: MISMATCH at \(bad)") } else {
                out.line("hash chain: ok (\(report.eventsChecked) events)")
            }
            if report.firstBadEvent == nil {
                if report.projectionMismatches.isEmpty {
                    out.line("projections: ok (\(report.budgetsChecked) budgets match a replay)")
                } else {
                    for mismatch in report.projectionMismatches { out.line("projections: MISMATCH \(mismatch)") }
                }
            }
        }
        out.flush()
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
            if output.json {
                Output.standard.line("{\"events\":\(result.events),\"budgets\":\(result.budgets)}")
            } else {
                Output.standard.line("replayed \(result.events) events into \(result.budgets) budget projections")
            }
            Output.standard.flush()
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
            try store.export(sinceSeq: sinceSeq) { Output.standard.line(bytes: $0.exportLine) }
            Output.standard.flush()
        }
    }
}
