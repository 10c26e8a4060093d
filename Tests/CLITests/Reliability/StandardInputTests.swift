import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `post` copies standard input to a private temporary file, because LMDB reruns a batch after
/// growing a full map and the input must then be read again from its start.
@Suite struct StandardInputTests {
    /// Under an 8 MiB cap the map starts at 2 MiB, so this 2.7 MB batch forces one growth and
    /// one rerun of the post.
    @Test func aBatchOnStandardInputThatGrowsTheMapPostsWhole() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        let cap = ["BUDGET_LEDGER_MAP_SIZE_MAX": "8388608"]
        try cli.run(["init"], environment: cap)
        let file = try BatchFile.write(budget: "BIG", events: 10_000)
        defer { unlink(file) }
        let posted = try cli.run(["post"], input: try String(contentsOfFile: file, encoding: .utf8), environment: cap)
        #expect(posted.status == 0, "\(posted.standardError)")
        #expect(posted.lines.last == "accepted 10000, duplicates 0, rejected 0, written 10000")
        #expect(try cli.run(["verify", "--json"]).standardOutput == ReportLines.intactVerify(events: 10_000, budgets: 1))
    }

    /// The copy has no name from the moment it is made: nothing to read it by while the post
    /// runs, and nothing left behind when the post is killed.
    @Test func theCopyOfStandardInputIsNeverLeftBehindEvenWhenThePostIsKilled() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let scratch = TemporaryFiles.path("tmpdir")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }  // dup2 clears it on the child's stdin
        let post = try ChildProcess(cli, ["post"], inputDescriptor: ends[0], environment: ["TMPDIR": scratch])
        close(ends[0])
        let writer = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        try writer.write(contentsOf: Data((SampleEvents.opening("B") + "\n").utf8))
        usleep(200_000)  // the child is copying what it has read, waiting for more
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
        #expect(try post.killNow().signal == SIGKILL)
        try writer.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
        #expect(try cli.run(["verify", "--json"]).standardOutput == ReportLines.intactVerify(events: 0, budgets: 0))
    }
}
