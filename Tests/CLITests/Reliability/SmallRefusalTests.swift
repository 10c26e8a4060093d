import Foundation
import LedgerDomain
import Testing
@testable import LedgerStore

/// Issue 9, the smaller items: each a clear error with its exit status, or the file mode asked
/// for, through the real executable.
@Suite struct SmallRefusalTests {
    private static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func anEmptyBudgetIdIsNoBudgetNotAnLMDBError() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let result = try cli.run(["balance", ""])
        #expect(result.status == 1)
        #expect(result.standardError == "error: there is no budget \"\"\n")
    }

    @Test func anOffsetOutOfRangeAndTheJSONCSVPairAreUsageErrors() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        for offset in ["+99:99", "+24:00", "-05:60"] {
            let result = try cli.run(["balances", "--known-at", "2026-01-01T00:00:00\(offset)"])
            #expect(result.status == 2, "\(offset)")
            #expect(result.standardError.contains("--known-at \"2026-01-01T00:00:00\(offset)\" is not an RFC 3339 time"), "\(offset)")
        }
        #expect(try cli.run(["balances", "--known-at", "2026-01-01T00:00:00+23:59"]).status == 0)
        let pair = try cli.run(["balances", "--json", "--csv"])
        #expect(pair.status == 2)
        #expect(pair.standardError.contains("choose one of --json and --csv"))
        #expect(pair.standardOutput.isEmpty)
    }

    @Test func initAndBackupMakeAnExistingDirectoryPrivate() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try FileManager.default.createDirectory(atPath: cli.ledger, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        try #require(try Self.mode(cli.ledger) == 0o755)
        #expect(try cli.run(["init"]).status == 0)
        #expect(try Self.mode(cli.ledger) == 0o700)
        let backup = TemporaryFiles.path("backup")
        try FileManager.default.createDirectory(atPath: backup, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: backup) }
        #expect(try cli.run(["backup", backup]).status == 0)
        #expect(try Self.mode(backup) == 0o700)
        #expect(try Self.mode(backup + "/data.mdb") == 0o600)
    }

    /// A backup that fails part-way (its disk fills up) leaves no directory behind.
    @Test(.enabled(if: PrivateMount.isAvailable)) func aFailedBackupRemovesTheDirectoryItMade() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try #require(try cli.run(["post", CLIRunner.fixture("year-2025-26.jsonl")]).status == 0)
        let root = TemporaryFiles.path("tiny")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try PrivateMount.run(cli, """
            mount -t tmpfs -o size=64k tmpfs "$ROOT" || exit 90
            "$BUDGET_LEDGER" backup "$ROOT/copy"; echo "backup: exit $?"
            ls -A "$ROOT" | wc -l
            """, environment: ["ROOT": root])
        #expect(result.lines == ["backup: exit 1", "0"], "\(result.standardError)")
        #expect(result.standardError.hasPrefix("error: storage failure: the disk holding the ledger is full"), "\(result.standardError)")
    }

    /// The terminal form lists the first 1,000 rejections and counts the rest; `--json` lists
    /// every line (SPEC 6).
    @Test func theTerminalFormStopsListingAfterAThousandRejections() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let input = (1...1_005).map { #"{"id":"x\#($0)","type":"allocation","budget":"NONE","date":"2025-04-01","amount":"1"}"# }.joined(separator: "\n") + "\n"
        let terminal = try cli.run(["post"], input: input)
        #expect(terminal.status == 3)
        #expect(terminal.lines.count { $0.contains(": rejected unknown_budget:") } == 1_000)
        #expect(terminal.lines.suffix(3) == ["… and 5 more rejections (--json lists every line)",
                                             "accepted 0, duplicates 0, rejected 1005, written 0",
                                             "nothing was written: fix the rejected events and post the file again, or use --partial"])
        let json = try cli.run(["post", "--json"], input: input)
        #expect(json.status == 3)
        #expect(json.lines.count == 1_006)
        #expect(json.lines.last == #"{"accepted":0,"duplicates":0,"rejected":1005,"written":0}"#)
    }

    /// `--json` streams through a spool: accepted lines carry their seq only when written.
    @Test func postJSONGivesSeqsOnlyWhenTheBatchIsWritten() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let good = SampleEvents.opening("A"), bad = #"{"id":"x","type":"allocation","budget":"NONE","date":"2025-04-01","amount":"1"}"#
        let failed = try cli.run(["post", "--json"], input: good + "\n" + bad + "\n")
        #expect(failed.lines.count == 3)
        #expect(failed.lines.first == #"{"line":1,"id":"A","status":"accepted"}"#)
        #expect(failed.lines[1].hasPrefix(#"{"line":2,"id":"x","status":"rejected","code":"unknown_budget","message":"#))
        #expect(failed.lines.last == #"{"accepted":1,"duplicates":0,"rejected":1,"written":0}"#)
        let partial = try cli.run(["post", "--json", "--partial"], input: good + "\n" + bad + "\n")
        #expect(partial.lines.first == #"{"line":1,"id":"A","status":"accepted","seq":1}"#)
        #expect(partial.lines.last == #"{"accepted":1,"duplicates":0,"rejected":1,"written":1}"#)
    }

    /// Results past the spool's 1 MB chunks (20,000 lines, ~1.6 MB spooled): every line's object
    /// with its seq, in order, none cut or repeated where a chunk ends.
    @Test func postJSONPrintsEveryResultOfAFileLargerThanTheSpoolsChunks() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let count = 20_000
        var input = SampleEvents.opening("B") + "\n"
        for n in 2...count {
            input += #"{"id":"allocation-\#(n)","type":"allocation","budget":"B","date":"2025-04-02","amount":"1.00"}"# + "\n"
        }
        let result = try cli.run(["post", "--json"], input: input)
        #expect(result.status == 0)
        let lines = result.lines  // split once: 20,001 lines
        #expect(lines.count == count + 1)
        #expect(lines.first == #"{"line":1,"id":"B","status":"accepted","seq":1}"#)
        let unexpected = (2...count).first { n in
            lines[n - 1] != #"{"line":\#(n),"id":"allocation-\#(n)","status":"accepted","seq":\#(n)}"#
        }
        #expect(unexpected == nil, "line \(unexpected ?? 0): \(unexpected.map { lines[$0 - 1] } ?? "")")
        #expect(lines.last == #"{"accepted":20000,"duplicates":0,"rejected":0,"written":20000}"#)
    }

    /// A second writer says on standard error that it waits for another: the first here is a
    /// post through the library whose input stays open until the second has said so.
    @Test func aSecondWriterSaysItIsWaiting() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let ledger = try Ledger.open(at: cli.ledger)
        let source = HeldLineSource(line: SampleEvents.opening("A"))
        let firstDone = DispatchSemaphore(value: 0)
        let first = Thread {
            _ = try? ledger.post(clock: { Timestamp(rfc3339: CLIRunner.fixedNow)! }) { source }
            firstDone.signal()
        }
        first.start()
        source.started.wait()  // the first post is inside its write transaction
        let child = Process()
        child.executableURL = CLIRunner.executable
        child.arguments = ["post"]
        child.environment = cli.environment()
        let input = Pipe(), errors = Pipe()
        child.standardInput = input
        child.standardError = errors
        child.standardOutput = FileHandle.nullDevice
        try child.run()
        input.fileHandleForWriting.write(Data((SampleEvents.opening("B") + "\n").utf8))
        try input.fileHandleForWriting.close()
        var said = ""
        while !said.contains("\n") {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            said += String(decoding: data, as: UTF8.self)
        }
        source.release.signal()
        let rest = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        #expect(said == "waiting for another process writing to the ledger at \(cli.ledger) to finish …\n")
        #expect(rest.isEmpty)
        #expect(child.terminationStatus == 0)
        firstDone.wait()
        #expect(try ReportLines.ids(try cli.run(["export"]).standardOutput) == ["A", "B"])
    }
}

/// One line, handed out only after the test releases it: holds a post's write transaction open.
final class HeldLineSource: LineSource, @unchecked Sendable {
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    private let line: String
    private var given = false

    init(line: String) { self.line = line }

    func nextLine() throws -> InputLine? {
        guard !given else { return nil }
        given = true
        started.signal()
        release.wait()
        return InputLine(number: 1, bytes: Array(line.utf8))
    }
}

/// A ledger the user may read but not write (files 0400, directory 0500, owned by the user):
/// reports open it without LMDB's lock file and say so; writing is refused. Root ignores file
/// modes, so the commands run as `nobody` (setpriv), on a ledger given to `nobody`.
@Suite struct ReadOnlyLedgerTests {
    static let canDropPrivileges = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    @Test(.enabled(if: canDropPrivileges)) func reportsReadALedgerTheUserMayNotWrite() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["post"], input: ContractOutputTests.events)
        let balances = try cli.run(["balances", "--json"]).standardOutput
        let result = try cli.runShell("""
            chown -R 65534:65534 "$BUDGET_LEDGER_DIR" && chmod 0400 "$BUDGET_LEDGER_DIR"/* && chmod 0500 "$BUDGET_LEDGER_DIR" || exit 90
            setpriv --reuid=65534 --regid=65534 --clear-groups "$BUDGET_LEDGER" balances --json; echo "balances: exit $?"
            setpriv --reuid=65534 --regid=65534 --clear-groups "$BUDGET_LEDGER" replay; echo "replay: exit $?"
            """)
        #expect(result.lines == [String(balances.dropLast()), "balances: exit 0", "replay: exit 1"])
        #expect(result.standardError == """
            note: you may read but not write the ledger at \(cli.ledger), so it is read without its lock file: a post running at the same time could make this report wrong
            error: storage failure: cannot open the ledger at \(cli.ledger) for writing: Permission denied

            """)
    }
}
