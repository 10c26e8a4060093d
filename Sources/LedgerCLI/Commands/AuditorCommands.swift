import ArgumentParser
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "SHA-256 of `balances --json` at a view, with the chain hash of its last event.",
        discussion: "An independent replay of `export` in any language can recompute both and confirm the balance sheet byte for byte.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("as-of-seq"), help: "The view: events up to this seq (default: all).")
    var asOfSeq: UInt64?

    func run() throws {
        try withLedgerErrors {
            let digest = try ledger.open(forWriting: false).digest(asOfSeq: asOfSeq)
            Output.standard.write(output.json ? IntegrityOutput.json(digest) : IntegrityOutput.text(digest))
        }
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "A consistent, compacted hot copy of the ledger, taken while it stays in use.")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The directory for the copy (must not hold a ledger).")
    var directory: String

    func run() throws {
        try withLedgerErrors {
            let store = try ledger.open(forWriting: false)
            try store.backup(to: directory)
            let copy = try Ledger.open(at: directory)
            Output.standard.line("backed up \(try copy.eventCount()) events to \(directory)")
            Output.standard.flush()
        }
    }
}
