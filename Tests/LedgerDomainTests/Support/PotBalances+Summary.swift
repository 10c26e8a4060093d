import LedgerDomain

extension PotBalances {
    /// The pot's SPEC 3 balances in one line, the fields a report shows for its kind of pot:
    /// exact amounts a test can compare and a failure can show at a glance.
    var summary: String {
        let fields: [(String, Money)] = pot == .notional
            ? [("allocated", allocated), ("committed", committed), ("spent", spent),
               ("available", available), ("remaining", remaining)]
            : [("allocated", allocated), ("transferred", transferred), ("spent", spent),
               ("recovered", recovered), ("held", held), ("available", available), ("remaining", remaining)]
        return fields.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
}
