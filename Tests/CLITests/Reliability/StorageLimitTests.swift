import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 6: when the storage cannot take a post (a full map, a full disk, a read-only
/// directory) the post fails with exit 1 and a message that says why, and nothing is written.
@Suite struct StorageLimitTests {
    /// 10,000 events: about 2.7 MB of pages, more than the 1 MiB limits below.
    static let bigEvents = 10_000

    @Test func aPostBeyondTheMapSizeLimitFailsWithExitOneAndWritesNothing() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try #require(try cli.run(["post"], input: SampleEvents.opening("B")).status == 0)
        let before = try cli.run(["export"]).standardOutput
        let big = try BatchFile.write(budget: "BIG", events: Self.bigEvents)
        defer { unlink(big) }
        let full = try cli.run(["post", big], environment: ["BUDGET_LEDGER_MAP_SIZE_MAX": "1048576"])
        #expect(full.status == 1)
        #expect(full.standardOutput == "")
        #expect(full.standardError.hasPrefix("error: storage failure: the ledger is full (mdb_"), "\(full.standardError)")
        #expect(full.standardError.hasSuffix("MDB_MAP_FULL: Environment mapsize limit reached (-30792)); free disk space or raise the map size limit\n"))
        #expect(try cli.run(["export"]).standardOutput == before)
        #expect(try cli.run(["verify", "--json"]).standardOutput == ReportLines.intactVerify(events: 1, budgets: 1))
        // Room again (no limit): the same file posts whole.
        #expect(try cli.run(["post", big]).status == 0)
        #expect(try cli.run(["verify", "--json"]).standardOutput == ReportLines.intactVerify(events: 1 + Self.bigEvents, budgets: 2))
    }

    @Test func aMapSizeLimitThatIsNotANumberIsAUsageError() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let result = try cli.run(["post"], input: SampleEvents.opening("B"), environment: ["BUDGET_LEDGER_MAP_SIZE_MAX": "1GB"])
        #expect(result.status == 2)
        #expect(result.standardError == "error: $BUDGET_LEDGER_MAP_SIZE_MAX \"1GB\" is not a number of bytes\n")
        #expect(try cli.run(["verify", "--json"]).standardOutput == ReportLines.intactVerify(events: 0, budgets: 0))
    }

    /// A 1 MiB tmpfs that really fills up. LMDB reports a write cut short by a full disk as EIO;
    /// the message must still say the disk is full.
    @Test(.enabled(if: PrivateMount.isAvailable, "needs unprivileged user and mount namespaces"))
    func aPostOnAFullDiskFailsWithExitOneAndWritesNothing() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        let disk = TemporaryFiles.path("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: disk) }
        let big = try BatchFile.write(budget: "BIG", events: Self.bigEvents)
        let first = try BatchFile.write([SampleEvents.opening("B")])
        let second = try BatchFile.write([SampleEvents.opening("C")])
        defer { for path in [big, first, second] { unlink(path) } }
        let result = try PrivateMount.run(cli, """
            mount -t tmpfs -o size=1m tmpfs "$DISK" || exit 90
            "$BUDGET_LEDGER" init --ledger "$DISK/l" > /dev/null || exit 91
            "$BUDGET_LEDGER" post --ledger "$DISK/l" "$FIRST" > /dev/null || exit 92
            "$BUDGET_LEDGER" post --ledger "$DISK/l" "$BIG"; echo "big post: exit $?"
            "$BUDGET_LEDGER" verify --json --ledger "$DISK/l"
            "$BUDGET_LEDGER" post --ledger "$DISK/l" "$SECOND" > /dev/null; echo "small post: exit $?"
            "$BUDGET_LEDGER" verify --json --ledger "$DISK/l"
            """, environment: ["DISK": disk, "BIG": big, "FIRST": first, "SECOND": second])
        #expect(result.status == 0, "\(result.standardError)")
        // The failed batch's pages stay allocated in the file, so a small batch still fits.
        #expect(result.lines == ["big post: exit 1", ReportLines.intactVerify(events: 1, budgets: 1).dropLast(),
                                 "small post: exit 0", ReportLines.intactVerify(events: 2, budgets: 2).dropLast()].map { String($0) })
        #expect(result.standardError.hasPrefix("error: storage failure: the disk holding the ledger is full (mdb_txn_commit failed: "), "\(result.standardError)")
        #expect(result.standardError.hasSuffix("); nothing was written: free disk space and try again\n"))
    }

    /// Remounted read-only in a private namespace: even root cannot write there.
    @Test(.enabled(if: PrivateMount.isAvailable, "needs unprivileged user and mount namespaces"))
    func aLedgerOnReadOnlyStorageRefusesPostsClearlyAndStillReports() throws {
        let root = TemporaryFiles.path("read-only")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cli = CLIRunner(ledger: root + "/l")
        try cli.run(["init"])
        try #require(try cli.run(["post"], input: SampleEvents.opening("B")).status == 0)
        let before = try cli.run(["export"]).standardOutput
        let event = try BatchFile.write([SampleEvents.opening("C")])
        defer { unlink(event) }
        let result = try PrivateMount.run(cli, """
            mount --bind "$ROOT" "$ROOT" && mount -o remount,bind,ro "$ROOT" || exit 90
            "$BUDGET_LEDGER" post "$EVENT"; echo "post: exit $?"
            "$BUDGET_LEDGER" replay > /dev/null; echo "replay: exit $?"
            "$BUDGET_LEDGER" init --ledger "$ROOT/new"; echo "init: exit $?"
            "$BUDGET_LEDGER" verify --json; echo "verify: exit $?"
            "$BUDGET_LEDGER" balances --json > /dev/null; echo "balances: exit $?"
            "$BUDGET_LEDGER" export | wc -l
            """, environment: ["ROOT": root, "EVENT": event])
        #expect(result.lines == ["post: exit 1", "replay: exit 1", "init: exit 1",
                                 String(ReportLines.intactVerify(events: 1, budgets: 1).dropLast()), "verify: exit 0", "balances: exit 0", "1"])
        let readOnly = "cannot open the ledger at \(root)/l for writing: Read-only file system"
        #expect(result.standardError == """
            error: storage failure: \(readOnly)
            error: storage failure: \(readOnly)
            error: storage failure: cannot create \(root)/new: Read-only file system

            """)
        #expect(try cli.run(["export"]).standardOutput == before)
    }
}
