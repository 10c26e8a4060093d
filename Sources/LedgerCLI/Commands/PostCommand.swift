import ArgumentParser
import LedgerDomain
import LedgerRendering
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
        Output.standard.write(output.json ? PostOutput.jsonLines(report) : PostOutput.text(report, partial: partial))
        if report.rejected > 0 { throw CommandFailure(status: .rejected, message: nil) }
    }
}

/// A file is read twice only if LMDB must grow its map and rerun the batch; standard input
/// cannot be reread, so it is first copied to a private temporary file.
///
/// The copy is unlinked as soon as it is created and read back through its descriptor: no name
/// to delete afterwards (nothing is left behind even if the process is killed), and every rerun
/// can start again from its first byte.
struct InputFile {
    private let path: String?
    /// Standard input, copied; open for reading and writing.
    private let copy: FileHandle?

    init(path: String?) throws {
        if let path, path != "-" {
            self.path = path
            copy = nil
        } else {
            self.path = nil
            copy = try InputFile.copyOfStandardInput()
        }
    }

    func open() throws -> any LineSource {
        guard let copy else { return try LineReader(path: path!) }
        guard lseek(copy.fileDescriptor, 0, SEEK_SET) == 0 else {
            throw CommandFailure(status: .operationalFailure, message: "error: cannot reread standard input: \(String(cString: strerror(errno)))")
        }
        return LineReader(descriptor: copy.fileDescriptor)
    }

    private static func copyOfStandardInput() throws -> FileHandle {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("budget-ledger-stdin-\(getpid())-\(UInt64.random(in: 0...UInt64.max))").path
        let descriptor = createPrivateFile(temporary)
        guard descriptor >= 0 else {
            throw CommandFailure(status: .operationalFailure, message: "error: cannot create a temporary file for standard input: \(String(cString: strerror(errno)))")
        }
        unlink(temporary)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty { try handle.write(contentsOf: chunk) }
        return handle
    }
}

/// Created 0600 by open(2) itself (the events hold personal references): FileManager.createFile
/// makes the file with the umask's mode and narrows it afterwards, and anyone who opened it in
/// between could read what is written later. O_EXCL: never an existing file or a planted link.
private func createPrivateFile(_ path: String) -> Int32 {
    open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
}
