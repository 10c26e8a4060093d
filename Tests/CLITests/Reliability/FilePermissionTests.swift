import Foundation
import Testing

/// Issue 6: the events hold personal references, so the ledger is readable by its owner only,
/// whatever the user's umask: the modes are given explicitly (directory 0700, files 0600), not
/// left to the umask to narrow.
@Suite struct FilePermissionTests {
    static func mode(_ path: String) throws -> Int {
        try #require((FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
    }

    @Test func aLedgerMadeUnderAnOpenUmaskIsStillPrivate() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        let made = try cli.runShell(#"umask 000 && "$BUDGET_LEDGER" init > /dev/null && "$BUDGET_LEDGER" post < "$EVENTS""#,
                                    environment: ["EVENTS": CLIRunner.fixture("year-2025-26.jsonl")])
        #expect(made.status == 0, "\(made.standardError)")
        #expect(try Self.mode(cli.ledger) == 0o700)
        #expect(try Self.mode(cli.ledger + "/data.mdb") == 0o600)
        #expect(try Self.mode(cli.ledger + "/lock.mdb") == 0o600)
        // The lock a post holds across the commits of a large file (issue 13); it holds no data.
        #expect(try Self.mode(cli.ledger + "/import.lock") == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.ledger).sorted() == ["data.mdb", "import.lock", "lock.mdb"])
    }

    /// A directory the user made beforehand is made private too, like the files in it (issue 9:
    /// it used to keep its 0755).
    @Test func filesInADirectoryTheUserMadeArePrivate() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try FileManager.default.createDirectory(atPath: cli.ledger, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o755])
        #expect(try cli.runShell(#"umask 000 && "$BUDGET_LEDGER" init"#).status == 0)
        #expect(try Self.mode(cli.ledger) == 0o700)
        #expect(try Self.mode(cli.ledger + "/data.mdb") == 0o600)
        #expect(try Self.mode(cli.ledger + "/lock.mdb") == 0o600)
    }
}
