import ArgumentParser
import LedgerDomain
import LedgerStore
import Foundation

struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Append events from a JSON Lines file or standard input.",
        discussion: "All-or-nothing: if any event is rejected nothing is written and every rejection is listed. --partial writes the accepted events.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Write the accepted events even when others are rejected.")
    var partial = false

    @Argument(help: "The JSON Lines file (default: standard input).")
    var file: String?

    func run() throws {
        let report = try withLedgerErrors {
            let store = try ledger.open(forWriting: true)
            let clock = try Clock.fromEnvironment()
            let progress = Progress("posting, lines read", json: output.json)
            let source = try InputFile(path: file)
            defer { progress.finish() }
            return try store.post(mode: partial ? .partial : .allOrNothing, clock: clock,
                                  progress: { progress.report($0) }, openSource: source.open)
        }
        PostRenderer.render(report, json: output.json, partial: partial)
        if report.rejected > 0 { throw CommandFailure(status: .rejected, message: nil) }
    }
}

/// A file is read twice only if LMDB must grow its map and rerun the batch; standard input
/// cannot be reread, so it is first copied to a private temporary file.
struct InputFile {
    let path: String
    private let isTemporary: Bool

    init(path: String?) throws {
        if let path, path != "-" {
            self.path = path
            isTemporary = false
            return
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("budget-ledger-stdin-\(getpid())-\(UInt64.random(in: 0...UInt64.max))").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CommandFailure(status: .operationalFailure, message: "error: cannot create a temporary file for standard input")
        }
        while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty { handle.write(chunk) }
        try handle.close()
        self.path = temporary
        isTemporary = true
    }

    func open() throws -> any LineSource {
        let reader = try LineReader(path: path)
        if isTemporary { unlink(path) }  // the open descriptor keeps it readable
        return reader
    }
}
