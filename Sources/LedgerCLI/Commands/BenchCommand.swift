import ArgumentParser
import Foundation
import LedgerWorkload

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure posting, replay, group commit and balance reads on generated postings, in throw-away ledgers.",
        discussion: """
            Every commit is durable (fsync). The ledgers go in a temporary directory (--dir, default $TMPDIR), \
            which must be on the disk you want to measure, and are removed afterwards.
            """)

    @Option(help: "Events to generate and post.")
    var events = 200_000

    @Option(help: "Budgets they are spread over (at most one per 8 events).")
    var budgets = 1_000

    @Option(help: "Events per write transaction when posting through the API.")
    var batch = 10_000

    @Option(help: "Concurrent single posters sharing commits (group commit).")
    var posters = 64

    @Option(name: .customLong("dir"), help: "Where to make the temporary ledgers (default: $TMPDIR).")
    var directory: String?

    @Flag(name: .customLong("bulk-only"), help: "Only bulk posting, reads, bytes per event and peak RSS (for very large runs; the other figures are 0).")
    var bulkOnly = false

    @Flag(help: "Keep the ledgers and the JSONL file (their directory is printed on standard error).")
    var keep = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard events >= 8 else { throw ValidationError("--events must be at least 8") }
        guard budgets >= 1, batch >= 1, posters >= 1 else { throw ValidationError("--budgets, --batch and --posters must be positive") }
    }

    func run() throws {
        var options = BenchRunner.Options()
        options.events = events
        options.budgets = budgets
        options.batch = batch
        options.posters = posters
        options.concurrentEvents = 80 * posters
        // Enough reads for a steady p99, without a small run spending its time there.
        options.balanceReads = min(100_000, max(2_000, events))
        if let directory { options.temporaryRoot = directory }
        options.keepsLedgers = keep
        options.bulkOnly = bulkOnly
        // The HTTP figures run this very binary's `serve`, in the same process tree.
        options.serverExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let json = output.json
        var progress = Progress("bench", json: json)
        let report = try withLedgerErrors {
            try BenchRunner(options: options).run { phase, done in
                if progress.label != phase { progress.finish(); progress = Progress(phase, json: json) }
                progress.report(done)
            }
        }
        progress.finish()
        if let kept = report.keptIn { StandardError.line("ledgers kept in \(kept)") }
        Output.standard.write(json ? report.json + [0x0A] : report.text)
    }
}
