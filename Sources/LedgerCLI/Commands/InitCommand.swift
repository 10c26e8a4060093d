import ArgumentParser
import LedgerStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create an empty ledger (an error if one exists).")

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The one currency the ledger holds (ISO 4217).")
    var currency = "GBP"

    func validate() throws {
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw ValidationError("--currency must be a three-letter ISO 4217 code such as GBP")
        }
    }

    func run() throws {
        try withLedgerErrors {
            _ = try ledger.create(currency: currency)
            Output.standard.line("created an empty \(currency) ledger at \(ledger.directory)")
            Output.standard.flush()
        }
    }
}
