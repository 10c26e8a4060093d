import LedgerDomain

/// The columns of a balances table and which figures each kind of pot has: a notional pot has
/// no transferred, recovered or held money; a pot held elsewhere has no commitments. One rule
/// for the terminal, the audit page and the web pages.
enum PotColumns {
    static let names = ["allocated", "committed", "transferred", "spent", "recovered", "held", "available", "remaining"]

    /// The pot's figure for each of `names`, in order; nil where the pot has no such figure.
    static func figures(of pot: PotBalances) -> [Money?] {
        let elsewhere = pot.pot.isHeldElsewhere
        return [pot.allocated, elsewhere ? nil : pot.committed, elsewhere ? pot.transferred : nil, pot.spent,
                elsewhere ? pot.recovered : nil, elsewhere ? pot.held : nil, pot.available, pot.remaining]
    }
}
