import ArgumentParser
import Foundation
import LedgerDomain
import LedgerRendering
import LedgerStore

/// `users add|list|revoke|rotate|log` (SPEC 8.1): the service's users, managed on the ledger's
/// machine only.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage the users of `budget-ledger serve` and their bearer tokens.",
        subcommands: [UsersAddCommand.self, UsersListCommand.self, UsersRevokeCommand.self, UsersRotateCommand.self, UsersLogCommand.self])
}

/// Opens the users of the ledger, mapping refusals to exit 1 with their sentence.
private func withUsers<R>(_ ledger: LedgerOptions, forWriting: Bool, _ body: (UserDirectory) throws -> R) throws -> R {
    try withLedgerErrors {
        do {
            return try body(try UserDirectory(ledger: try ledger.open(forWriting: forWriting)))
        } catch let error as UserError {
            throw CommandFailure(status: .operationalFailure, message: "error: \(error)")
        }
    }
}

/// Who is making the change, as the operating system knows them.
enum OperatingSystemUser {
    static var name: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }
}

struct UsersAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a user; prints their bearer token once, alone on the last line.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The user's name: 1–64 of A-Z a-z 0-9 . _ @ -")
    var name: String

    @Option(help: "finance, auditor or viewer.")
    var role: String

    @Option(help: "For a viewer: the budgets they may read, comma-separated.")
    var budgets: String?

    func validate() throws {
        guard UserRole(rawValue: role) != nil else { throw ValidationError("--role must be finance, auditor or viewer") }
        guard UserName.isValid(name) else { throw ValidationError("\(UserError.invalidName(name))") }
    }

    func run() throws {
        let list = budgets.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        let (user, token) = try withUsers(ledger, forWriting: true) {
            try $0.add(name: name, role: UserRole(rawValue: role)!, budgets: list, by: OperatingSystemUser.name)
        }
        if output.json {
            Output.standard.line(bytes: user.addedJSON(token: token))
        } else {
            Output.standard.line("added \(user.role.rawValue) \(user.name)\(user.budgets.isEmpty ? "" : " for " + user.budgets.joined(separator: ","))")
            Output.standard.line("their bearer token, shown this once (the ledger keeps only its hash):")
            Output.standard.line(token)
        }
        Output.standard.flush()
    }
}

struct UsersListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every user: name, role, budgets, created_at, revoked.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let users = try withUsers(ledger, forWriting: false) { try $0.list() }
        if output.json {
            for user in users { Output.standard.line(bytes: user.listJSON) }
        } else {
            var table = TextTable(headers: ["name", "role", "budgets", "created_at", "revoked"])
            for user in users {
                table.add([user.name, user.role.rawValue, user.budgets.joined(separator: ","), "\(user.createdAt)", user.isRevoked ? "yes" : "no"])
            }
            for line in table.render() { Output.standard.line(line) }
            if users.isEmpty { Output.standard.line("(no users)") }
        }
        Output.standard.flush()
    }
}

struct UsersRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a user's token; it stops working at once.")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The user's name.")
    var name: String

    func run() throws {
        try withUsers(ledger, forWriting: true) { try $0.revoke(name: name, by: OperatingSystemUser.name) }
        Output.standard.line("revoked \(name)")
        Output.standard.flush()
    }
}

struct UsersRotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate", abstract: "Give a user a new token (printed once, alone on the last line); the old one stops working at once.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The user's name.")
    var name: String

    func run() throws {
        let token = try withUsers(ledger, forWriting: true) { try $0.rotate(name: name, by: OperatingSystemUser.name) }
        if output.json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("name", name)
            writer.field("token", token)
            writer.endObject()
            Output.standard.line(bytes: writer.bytes)
        } else {
            Output.standard.line("rotated the token of \(name); the new one, shown this once:")
            Output.standard.line(token)
        }
        Output.standard.flush()
    }
}

struct UsersLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Every change to users: when, by whom (the OS user), what.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let changes = try withUsers(ledger, forWriting: false) { try $0.changes() }
        if output.json {
            for change in changes { Output.standard.line(bytes: change.json) }
        } else {
            var table = TextTable(headers: ["seq", "at", "by", "action", "name", "role", "budgets"], rightAligned: [0])
            for change in changes {
                table.add(["\(change.seq)", "\(change.at)", change.by, change.action.rawValue, change.name, change.role.rawValue,
                           change.budgets.joined(separator: ",")])
            }
            for line in table.render() { Output.standard.line(line) }
            if changes.isEmpty { Output.standard.line("(no changes)") }
        }
        Output.standard.flush()
    }
}
