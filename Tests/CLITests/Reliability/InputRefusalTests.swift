import Foundation
import Testing

/// Issue 9: an input `post` cannot use is refused by name before the ledger is locked, and
/// nothing is written; output that cannot be written ends the command with exit 1.
@Suite struct InputRefusalTests {
    /// A ledger holding one budget, and its export before the test's command.
    private func ledgerWithOneEvent() throws -> (CLIRunner, String) {
        let cli = CLIRunner()
        try #require(try cli.run(["init"]).status == 0)
        try #require(try cli.run(["post"], input: SampleEvents.opening("A") + "\n").status == 0)
        return (cli, try cli.run(["export"]).standardOutput)
    }

    @Test func outputThatCannotBeWrittenSaysSoAndExitsOne() throws {
        let (cli, _) = try ledgerWithOneEvent()
        defer { cli.remove() }
        for command in ["export", "balances --json", "verify"] {
            let result = try cli.runShell("\"$BUDGET_LEDGER\" \(command) > /dev/full")
            #expect(result.status == 1, "\(command)")
            #expect(result.standardError == "cannot write output: No space left on device\n", "\(command)")
        }
    }

    @Test func aDeviceIsRefusedByNameAsAFileOrAsStandardInput() throws {
        let (cli, before) = try ledgerWithOneEvent()
        defer { cli.remove() }
        let named = try cli.run(["post", "/dev/zero"])
        #expect(named.status == 1)
        #expect(named.standardError == "error: /dev/zero is a character device, not a file: give a regular file or a pipe; nothing was read\n")
        let redirected = try cli.runShell("\"$BUDGET_LEDGER\" post < /dev/zero")
        #expect(redirected.status == 1)
        #expect(redirected.standardError == "error: standard input is a character device, not a file: give a regular file or a pipe; nothing was read\n")
        #expect(try cli.run(["export"]).standardOutput == before)
    }

    @Test func aDirectoryIsNamedAsADirectory() throws {
        let (cli, before) = try ledgerWithOneEvent()
        defer { cli.remove() }
        let folder = TemporaryFiles.path("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let named = try cli.run(["post", folder])
        #expect(named.status == 1)
        #expect(named.standardError == "error: \(folder) is a directory, not a file; nothing was read\n")
        let redirected = try cli.runShell("\"$BUDGET_LEDGER\" post < \"$FOLDER\"", environment: ["FOLDER": folder])
        #expect(redirected.status == 1)
        #expect(redirected.standardError == "error: standard input is a directory, not a file; nothing was read\n")
        // A statement given as a directory is named too (it was a raw NSCocoaErrorDomain error).
        let statement = try cli.run(["reconcile", "A", "--pot", "direct_payment", "--statement", folder, "--period-end", "2025-04-30"])
        #expect(statement.status == 1)
        #expect(statement.standardError == "error: \(folder) is a directory, not a file; nothing was read\n")
        #expect(try cli.run(["export"]).standardOutput == before)
    }

    @Test func standardInputPastTheCapIsRefusedAndNothingIsWritten() throws {
        let (cli, before) = try ledgerWithOneEvent()
        defer { cli.remove() }
        let input = SampleEvents.opening("B") + "\n" + SampleEvents.opening("C") + "\n"
        let refused = try cli.run(["post"], input: input, environment: ["BUDGET_LEDGER_STDIN_MAX": "200"])
        #expect(refused.status == 1)
        #expect(refused.standardError == "error: standard input holds more than 200 bytes, the most set aside for a post from a pipe; post a file instead (it is read in place); nothing was written\n")
        #expect(try cli.run(["export"]).standardOutput == before)
        let fits = try cli.run(["post"], input: input, environment: ["BUDGET_LEDGER_STDIN_MAX": "\(input.utf8.count)"])
        #expect(fits.status == 0)
    }

    /// A post of a named pipe waits for the pipe's writer without holding the writer lock:
    /// another post goes through meanwhile (it would wait for ever otherwise; `timeout` only
    /// stops a failing run from hanging the suite).
    @Test func aPipeWithoutAWriterDoesNotHoldUpOtherWriters() throws {
        let (cli, _) = try ledgerWithOneEvent()
        defer { cli.remove() }
        let fifo = TemporaryFiles.path("fifo")
        try #require(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let second = try BatchFile.write([SampleEvents.opening("B")])
        defer { unlink(second) }
        let result = try cli.runShell("""
            "$BUDGET_LEDGER" post "$FIFO" > /dev/null & first=$!
            timeout 60 "$BUDGET_LEDGER" post "$SECOND" > /dev/null; echo "second: $?"
            printf '%s\\n' "$THIRD" > "$FIFO"
            wait $first; echo "first: $?"
            """, environment: ["FIFO": fifo, "SECOND": second, "THIRD": SampleEvents.opening("C")])
        #expect(result.lines == ["second: 0", "first: 0"], "\(result.standardError)")
        #expect(try ReportLines.ids(try cli.run(["export"]).standardOutput) == ["A", "B", "C"])
    }

    @Test func aByteOrderMarkIsAcceptedAndCarriageReturnLineEndsAreNamed() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let marked = TemporaryFiles.path("bom") + ".jsonl"
        try Data([0xEF, 0xBB, 0xBF] + Array((SampleEvents.opening("A") + "\n").utf8)).write(to: URL(fileURLWithPath: marked))
        defer { unlink(marked) }
        let accepted = try cli.run(["post", marked])
        #expect(accepted.status == 0)
        #expect(accepted.lines == ["accepted 1, duplicates 0, rejected 0, written 1"])
        let classicMac = TemporaryFiles.path("cr") + ".jsonl"
        try Data((SampleEvents.opening("B") + "\r" + SampleEvents.opening("C") + "\r").utf8).write(to: URL(fileURLWithPath: classicMac))
        defer { unlink(classicMac) }
        let refused = try cli.run(["post", classicMac])
        #expect(refused.status == 1)
        #expect(refused.standardError == "error: \(classicMac): the lines end in a carriage return alone; convert the line ends to LF (or CR LF) and post again; nothing was read\n")
        let piped = try cli.run(["post"], input: SampleEvents.opening("B") + "\r" + SampleEvents.opening("C") + "\r")
        #expect(piped.status == 1)
        #expect(piped.standardError.hasPrefix("error: standard input: the lines end in a carriage return alone"))
        #expect(try ReportLines.ids(try cli.run(["export"]).standardOutput) == ["A"])
    }
}
