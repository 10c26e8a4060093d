import Foundation
import Testing
import LedgerDomain
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 6: readers in other processes see consistent snapshots while a writer posts; writers in
/// different processes are serialised and lose nothing; a second `init` is refused.
@Suite struct ConcurrentProcessesTests {
    /// Every batch adds 750 allocations of 1.00 to each of two budgets, interleaved line by line,
    /// so a torn read would show the budgets apart or a total that is not a whole batch.
    static let pairsPerBatch = 750
    static let batches = 6

    static let openings = ["RA", "RB"].map { SampleEvents.opening($0) }

    static func batchFile(_ batch: Int) throws -> String {
        try BatchFile.write((1...pairsPerBatch).flatMap { n in
            ["RA", "RB"].map { #"{"id":"\#($0)-\#(batch)-\#(n)","type":"allocation","budget":"\#($0)","date":"2025-04-02","amount":"1.00"}"# }
        })
    }

    /// The number of whole batches a `balances --json` output shows; nil when it is torn.
    static func wholeBatches(in balancesJSON: String) throws -> Int? {
        let objects = try ReportLines.objects(balancesJSON)
        let allocated = objects.map { $0["totals"].flatMap { totals -> String? in
            guard case .object(let members) = totals, case .string(let text)? = members.first(where: { $0.key == "allocated" })?.value else { return nil }
            return text
        } }
        let versions = try ReportLines.versions(balancesJSON)
        guard objects.count == 2, let first = allocated[0], allocated[0] == allocated[1], versions["RA"] == versions["RB"],
              let version = versions["RA"], (version - 1) % pairsPerBatch == 0,
              first == "\((version - 1) / pairsPerBatch * pairsPerBatch).00" else { return nil }
        return (version - 1) / pairsPerBatch
    }

    @Test func readersInOtherProcessesSeeOnlyWholeBatchesWhileAWriterPosts() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try #require(try cli.run(["post"], input: Self.openings.joined(separator: "\n")).status == 0)
        let files = try (1...Self.batches).map(Self.batchFile)
        defer { files.forEach { unlink($0) } }
        // The writer posts the batches one after another in the background, one process each.
        let writer = WriterThread(cli, files: files)
        var observed: [Int] = []
        var torn: [String] = []
        repeat {
            let read = try cli.run(["balances", "--json"])
            #expect(read.status == 0, "\(read.standardError)")
            if let batches = try Self.wholeBatches(in: read.standardOutput) { observed.append(batches) } else { torn.append(read.standardOutput) }
            // A whole-ledger check in one snapshot must pass mid-write too.
            let verify = try cli.run(["verify", "--json"])
            #expect(verify.status == 0 && verify.standardOutput.hasPrefix(#"{"ok":true,"#), "\(verify.standardOutput)")
        } while !writer.isFinished
        #expect(writer.statuses == Array(repeating: 0, count: Self.batches))
        observed.append(try #require(try Self.wholeBatches(in: cli.run(["balances", "--json"]).standardOutput)))
        #expect(torn.isEmpty)
        #expect(observed == observed.sorted(), "snapshots went backwards: \(observed)")
        #expect(observed.last == Self.batches)
        print("concurrent readers: \(observed.count) snapshots, batches seen \(Set(observed).sorted()) of \(Self.batches), none torn")
    }

    @Test func twoWritersInDifferentProcessesAreSerialisedAndLoseNothing() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        var expectedBatches: [[String]] = []
        for round in 1...3 {
            let budgets = ["W\(round)a", "W\(round)b"]
            let files = try budgets.map { try BatchFile.write(budget: $0, events: 1_500) }
            defer { files.forEach { unlink($0) } }
            let posts = try files.map { try ChildProcess(cli, ["post", $0]) }
            for post in posts { #expect(try post.wait().status == 0, "\(post.standardError)") }
            expectedBatches += budgets.map { budget in (1...1_500).map { "\(budget)-\($0)" } }
        }
        let ids = try ReportLines.ids(cli.run(["export"]).standardOutput)
        #expect(ids.count == 9_000)
        #expect(Set(ids) == Set(expectedBatches.joined()))
        // One transaction per post: each batch holds a run of consecutive seqs, never interleaved.
        var runs: [[String]] = []
        for id in ids {
            let budget = id.prefix(while: { $0 != "-" })
            if let last = runs.last?.last, last.prefix(while: { $0 != "-" }) == budget { runs[runs.count - 1].append(id) } else { runs.append([id]) }
        }
        #expect(Set(runs) == Set(expectedBatches))
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test func theSameFilePostedByTwoProcessesAtOnceIsWrittenOnce() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let file = try BatchFile.write(budget: "SAME", events: 2_000)
        defer { unlink(file) }
        let posts = try (0..<2).map { _ in try ChildProcess(cli, ["post", "--json", file]) }
        var summaries: [String] = []
        for post in posts {
            #expect(try post.wait().status == 0, "\(post.standardError)")
            summaries.append(String(post.standardOutput.split(separator: "\n").last ?? ""))
        }
        // The second writer waits for the first and then finds every event already recorded.
        #expect(summaries.sorted() == [#"{"accepted":0,"duplicates":2000,"rejected":0,"written":0}"#,
                                       #"{"accepted":2000,"duplicates":0,"rejected":0,"written":2000}"#])
        #expect(try cli.run(["verify", "--json"]).standardOutput == ReportLines.intactVerify(events: 2_000, budgets: 1))
    }

    @Test func aSecondInitIsRefusedAndLeavesTheLedgerAsItWas() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["post"], input: Self.openings.joined(separator: "\n"))
        let before = try cli.run(["export"]).standardOutput
        let second = try cli.run(["init", "--currency", "EUR"])
        #expect(second.status == 1)
        #expect(second.standardError == "error: a ledger already exists at \(cli.ledger)\n")
        #expect(try cli.run(["export"]).standardOutput == before)
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test func initsRacingOnOneDirectoryCreateOneLedger() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        let inits = try (0..<4).map { _ in try ChildProcess(cli, ["init"]) }
        let statuses = try inits.map { try $0.wait().status }
        #expect(statuses.filter { $0 == 0 }.count == 1)
        #expect(statuses.filter { $0 == 1 }.count == 3)
        for racer in inits where racer.outcome?.status == 1 {
            #expect(racer.standardError == "error: a ledger already exists at \(cli.ledger)\n")
        }
        #expect(try cli.run(["verify"]).status == 0)
    }
}

/// Posts files one after another from a background thread, one process each.
private final class WriterThread: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private var results: [Int32?] = []

    init(_ cli: CLIRunner, files: [String]) {
        Thread.detachNewThread { [self] in
            for file in files {
                let status = try? ChildProcess(cli, ["post", file]).wait().status
                lock.withLock { results.append(status ?? nil) }
            }
            lock.withLock { finished = true }
        }
    }

    var isFinished: Bool { lock.withLock { finished } }
    var statuses: [Int32?] { lock.withLock { results } }
}
