import Foundation
import LedgerDomain

/// Event files for the crash and concurrency tests. Each batch is self-contained (its own
/// direct-payment budget, opened, funded, then paid from), so any subset of batches posts cleanly
/// in any order, and a budget's `version` says how many of its batch's events are in the ledger.
enum BatchFile {
    /// Writes a batch of `events` (at least 3) events for `budget`, ids `<budget>-<n>`; returns its path.
    static func write(budget: String, events: Int) throws -> String {
        precondition(events >= 3, "a batch opens, funds and pays")
        var lines = [
            SampleEvents.opening(budget, id: "\(budget)-1", model: "direct_payment"),
            #"{"id":"\#(budget)-2","type":"allocation","budget":"\#(budget)","date":"2025-04-01","amount":"9999999"}"#,
            #"{"id":"\#(budget)-3","type":"direct_payment_transfer","budget":"\#(budget)","date":"2025-04-02","amount":"9999999"}"#,
        ]
        for n in stride(from: 4, through: events, by: 1) {
            lines.append(#"{"id":"\#(budget)-\#(n)","type":"payment","budget":"\#(budget)","date":"2025-05-01","payee":"PA","category":"personal_care","amount":"1.\#(n % 100)"}"#)
        }
        return try write(lines)
    }

    /// Writes lines to a fresh temporary file; returns its path.
    static func write(_ lines: [String]) throws -> String {
        let path = TemporaryFiles.path("batch") + ".jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Reads the JSON Lines reports of the command line.
enum ReportLines {
    /// Each non-empty line as an object's members by key.
    static func objects(_ text: String) throws -> [[String: JSONValue]] {
        try text.split(separator: "\n").map { line in
            guard case .object(let members) = try JSONParser.parse(Array(line.utf8)) else { throw ReportError.notAnObject(String(line)) }
            return Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// `balances --json`: each budget's `version`.
    static func versions(_ balancesJSON: String) throws -> [String: Int] {
        var versions: [String: Int] = [:]
        for object in try objects(balancesJSON) {
            guard case .string(let budget)? = object["budget"], case .number(let version)? = object["version"] else {
                throw ReportError.notAnObject("\(object)")
            }
            versions[budget] = Int(version)
        }
        return versions
    }

    /// `export`: the event ids in seq order.
    static func ids(_ exported: String) throws -> [String] {
        try objects(exported).map { object in
            guard case .string(let id)? = object["id"] else { throw ReportError.notAnObject("\(object)") }
            return id
        }
    }

    /// `verify --json` of an intact ledger, with its newline.
    static func intactVerify(events: Int, budgets: Int) -> String {
        #"{"ok":true,"events":\#(events),"budgets":\#(budgets),"first_bad_event":null,"projection_mismatches":[]}"# + "\n"
    }

    enum ReportError: Error { case notAnObject(String) }
}
