import ArgumentParser
import LedgerDomain

/// `--surplus-weeks W` (SPEC 7) for the reports that always show a surplus: `reconcile` and
/// `report`. `balances` adds one only when asked, so it declares its own optional and shares
/// the check.
struct SurplusOptions: ParsableArguments {
    @Option(name: .customLong("surplus-weeks"), help: "Weeks of funding a holder may keep before the rest is surplus.")
    var weeks = Surplus.weeksDefault

    func validate() throws { try SurplusOptions.validate(weeks) }

    static func validate(_ weeks: Int) throws {
        guard (0...Surplus.weeksMax).contains(weeks) else {
            throw ValidationError("--surplus-weeks must be a whole number of weeks from 0 to \(Surplus.weeksMax)")
        }
    }
}
