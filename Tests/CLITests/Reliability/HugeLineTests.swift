import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 6: a line far over the 64 KiB limit is skipped as it is read, never held: a 1 GiB line
/// costs the real binary no more memory than a short file does.
@Suite struct HugeLineTests {
    static let gibibyte = 1 << 30

    /// A file whose first line is 1 GiB long: a note opened, then a hole (sparse, so it takes no
    /// disk and no time to write; it reads as zero bytes), then a good event on line 2.
    static func fileWithAGibibyteLine() throws -> String {
        let path = TemporaryFiles.path("huge") + ".jsonl"
        try #require(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(#"{"id":"huge","note":""#.utf8))
        try handle.seek(toOffset: UInt64(gibibyte))
        try handle.write(contentsOf: Data(("\"}\n" + SampleEvents.opening("B") + "\n").utf8))
        try handle.close()
        return path
    }

    @Test func aGibibyteLineIsRejectedWithoutBeingHeldInMemory() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let file = try Self.fileWithAGibibyteLine()
        defer { unlink(file) }
        let post = try ChildProcess(cli, ["post", "--json", file])
        let (outcome, peakKiB) = try post.waitMeasuringPeakMemory()
        #expect(outcome.status == 3)
        #expect(post.standardOutput == """
            {"line":1,"id":null,"status":"rejected","code":"malformed_json","message":"the line is longer than 65536 bytes"}
            {"line":2,"id":"B","status":"accepted"}
            {"accepted":1,"duplicates":0,"rejected":1,"written":0}

            """)
        // A short post peaks near 25 MiB; holding the line would take over 1,024.
        #expect(peakKiB > 0 && peakKiB < 100 * 1024, "peak \(peakKiB) KiB")
        print("a 1 GiB line: post peaked at \(peakKiB / 1024) MiB resident")
        #expect(try cli.run(["verify", "--json"]).standardOutput == ReportLines.intactVerify(events: 0, budgets: 0))
        let partial = try cli.run(["post", "--partial", file])
        #expect(partial.status == 3)
        #expect(partial.lines.last == "accepted 1, duplicates 0, rejected 1, written 1")
    }

    /// Standard input is copied first; a long line on it is skipped just the same.
    @Test func aLongLineOnStandardInputIsRejectedByItsLineNumber() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let long = #"{"id":"long","note":""# + String(repeating: "x", count: 3 << 20) + #""}"#
        let result = try cli.run(["post", "--json"], input: [SampleEvents.opening("B"), long, SampleEvents.opening("C")].joined(separator: "\n"))
        #expect(result.status == 3)
        #expect(result.lines == [
            #"{"line":1,"id":"B","status":"accepted"}"#,
            #"{"line":2,"id":null,"status":"rejected","code":"malformed_json","message":"the line is longer than 65536 bytes"}"#,
            #"{"line":3,"id":"C","status":"accepted"}"#,
            #"{"accepted":2,"duplicates":0,"rejected":1,"written":0}"#,
        ])
    }
}
