import Foundation
import Testing

/// `budget-ledger users` (SPEC 8.1): tokens shown once and kept only as hashes, names checked,
/// every change in its own history, the budgets' chain untouched.
@Suite struct UsersCommandTests {
    private func json(_ line: some StringProtocol) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func addPrintsTheTokenOnceAloneOnTheLastLineAndKeepsOnlyItsHash() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let added = try cli.run(["users", "add", "ana@icb.nhs.uk", "--role", "finance"])
        #expect(added.status == 0)
        let token = try #require(added.lines.last)
        // 256 random bits as 64 hex digits.
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
        let data = try Data(contentsOf: URL(fileURLWithPath: cli.ledger + "/data.mdb"))
        #expect(data.range(of: Data(token.utf8)) == nil, "the token itself is never stored")
        let second = try cli.run(["users", "add", "bo", "--role", "auditor", "--json"])
        let object = try json(second.standardOutput)
        #expect(Set(object.keys) == ["name", "role", "budgets", "token"])
        #expect(object["name"] as? String == "bo" && object["role"] as? String == "auditor")
        #expect((object["budgets"] as? [String]) == [])
        #expect(object["token"] as? String != token)
        // The budgets' event chain is untouched.
        #expect(try cli.run(["export"]).standardOutput.isEmpty)
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test func listShowsNameRoleBudgetsCreatedAtAndRevoked() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["users", "add", "viv", "--role", "viewer", "--budgets", "PHB-0002,PHB-0001"])
        try cli.run(["users", "add", "al", "--role", "auditor"])
        #expect(try cli.run(["users", "revoke", "al"]).status == 0)
        let lines = try cli.run(["users", "list", "--json"]).lines
        #expect(lines.count == 2)
        let first = try json(lines[0]), second = try json(lines[1])
        #expect(Set(first.keys) == ["name", "role", "budgets", "created_at", "revoked"])
        #expect(first["name"] as? String == "al" && first["revoked"] as? Bool == true)
        #expect(second["name"] as? String == "viv" && second["role"] as? String == "viewer")
        #expect((second["budgets"] as? [String]) == ["PHB-0002", "PHB-0001"])
        #expect(second["revoked"] as? Bool == false)
        #expect((second["created_at"] as? String)?.hasSuffix("Z") == true)
    }

    @Test(arguments: ["", "has space", "semi;colon", String(repeating: "a", count: 65), "ünïcode", "tab\tname"])
    func badNamesAreUsageErrors(name: String) throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let result = try cli.run(["users", "add", name, "--role", "finance"])
        #expect(result.status == 2)
        #expect(try cli.run(["users", "list", "--json"]).standardOutput.isEmpty)
    }

    @Test func theLongestNameAndEveryAllowedCharacterAreAccepted() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        #expect(try cli.run(["users", "add", "Az09._@-" + String(repeating: "x", count: 56), "--role", "finance"]).status == 0)
    }

    @Test func refusalsChangeNothing() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["users", "add", "ana", "--role", "finance"])
        #expect(try cli.run(["users", "add", "ana", "--role", "auditor"]).status == 1)
        #expect(try cli.run(["users", "add", "vee", "--role", "viewer"]).status == 1, "a viewer needs budgets")
        #expect(try cli.run(["users", "add", "fin", "--role", "finance", "--budgets", "PHB-0001"]).status == 1)
        #expect(try cli.run(["users", "add", "vee", "--role", "viewer", "--budgets", ".."]).status == 1)
        #expect(try cli.run(["users", "add", "x", "--role", "admin"]).status == 2)
        #expect(try cli.run(["users", "revoke", "nobody"]).status == 1)
        #expect(try cli.run(["users", "rotate", "nobody"]).status == 1)
        #expect(try cli.run(["users", "list", "--json"]).lines.count == 1)
        #expect(try cli.run(["users", "log", "--json"]).lines.count == 1)
    }

    @Test func everyChangeIsLoggedWithWhoWhenAndWhat() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["users", "add", "ana", "--role", "finance"])
        let rotated = try cli.run(["users", "rotate", "ana"])
        #expect(rotated.status == 0 && rotated.lines.last?.count == 64)
        try cli.run(["users", "revoke", "ana"])
        #expect(try cli.run(["users", "rotate", "ana"]).status == 1, "a revoked user stays revoked")
        let log = try cli.run(["users", "log", "--json"]).lines.map(json)
        #expect(log.map { $0["action"] as? String } == ["add", "rotate", "revoke"])
        #expect(log.map { $0["seq"] as? Int } == [1, 2, 3])
        let osUser = String(cString: getpwuid(geteuid()).pointee.pw_name)
        #expect(log.allSatisfy { $0["by"] as? String == osUser && $0["name"] as? String == "ana" && $0["role"] as? String == "finance" })
        #expect(log.allSatisfy { ($0["at"] as? String)?.hasSuffix("Z") == true })
        #expect(try cli.run(["users", "log"]).standardOutput.contains("rotate"))
    }
}
