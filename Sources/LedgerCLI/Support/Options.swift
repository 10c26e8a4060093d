import ArgumentParser
import LedgerDomain
import LedgerStore
import Foundation

/// `--ledger DIR`, else `$BUDGET_LEDGER_DIR`, else `./ledger-data` (SPEC 6).
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger's data directory (default: $BUDGET_LEDGER_DIR, else ./ledger-data).")
    var ledger: String?

    var directory: String {
        if let ledger { return ledger }
        if let fromEnvironment = ProcessInfo.processInfo.environment["BUDGET_LEDGER_DIR"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "./ledger-data"
    }

    /// Opens the ledger. Reports open it read-only, so that they work on read-only media too.
    /// A writer that waits for another (in another process) says so on standard error.
    func open(forWriting: Bool) throws -> Ledger {
        let store = try Ledger.open(at: directory, readOnly: !forWriting, maximumMapSize: MapSizeLimit.fromEnvironment())
        if forWriting {
            let directory = directory
            store.whileWaitingForAnotherWriter = {
                StandardError.line("waiting for another process writing to the ledger at \(directory) to finish …")
            }
        }
        if store.isOpenWithoutLockFile {
            StandardError.line("note: you may read but not write the ledger at \(directory), so it is read without its lock file: a post running at the same time could make this report wrong")
        }
        return store
    }

    func create(currency: String) throws -> Ledger {
        try Ledger.create(at: directory, currency: currency, maximumMapSize: MapSizeLimit.fromEnvironment())
    }
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the machine-readable JSON form.")
    var json = false
}

/// The views of SPEC 3; they combine.
struct ViewOptions: ParsableArguments {
    @Option(name: .customLong("as-of-seq"), help: "Count only events up to this seq.")
    var asOfSeq: UInt64?

    @Option(name: .customLong("as-of-date"), help: "Count only events dated on or before this date (YYYY-MM-DD).")
    var asOfDate: String?

    @Option(name: .customLong("known-at"), help: "Count only events recorded at or before this time (RFC 3339, or a date meaning its end).")
    var knownAt: String?

    func validate() throws {
        if let asOfDate, CalendarDate(iso: asOfDate) == nil {
            throw ValidationError("--as-of-date \"\(asOfDate)\" is not a date YYYY-MM-DD")
        }
        if let knownAt, Timestamp(rfc3339: knownAt) == nil {
            throw ValidationError("--known-at \"\(knownAt)\" is not an RFC 3339 time such as 2026-03-31T17:00:00Z")
        }
    }

    /// The view in words, for report headers.
    var description: String {
        var parts: [String] = []
        if let asOfSeq { parts.append("events up to seq \(asOfSeq)") }
        if let asOfDate { parts.append("dated on or before \(asOfDate)") }
        if let knownAt { parts.append("as recorded by \(knownAt)") }
        return parts.isEmpty ? "everything recorded" : parts.joined(separator: ", ")
    }

    var filter: ViewFilter {
        ViewFilter(asOfSeq: asOfSeq, asOfDate: asOfDate.flatMap(CalendarDate.init(iso:)),
                   knownAt: knownAt.flatMap(Timestamp.init(rfc3339:)))
    }
}
