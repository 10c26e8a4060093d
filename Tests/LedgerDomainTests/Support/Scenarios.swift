import Testing
import LedgerDomain

/// The starting points most tests share, each posted through the rules.
extension InMemoryLedger {
    /// A notional budget with £1,000 allocated on 2025-04-01 (seq 1 and 2).
    static func notional(allocated: String = "1000") -> InMemoryLedger {
        InMemoryLedger(accepting: Lines.open("notional"), Lines.allocation("alloc-1", allocated))
    }

    /// A third-party or direct-payment budget with £1,200 allocated and £400 paid over to the
    /// holder on 2025-04-01 (seq 1, 2 and 3).
    static func holder(_ pot: Pot, allocated: String = "1200", transferred: String = "400") -> InMemoryLedger {
        InMemoryLedger(accepting: Lines.open(pot.rawValue), Lines.allocation("alloc-1", allocated),
                       Lines.transfer(to: pot, "xfer-1", transferred))
    }
}

extension Lines {
    /// The transfer that pays money over to a third-party or direct-payment holder.
    static func transfer(to pot: Pot, _ id: String, _ amount: String, date: String = day) -> String {
        pot == .thirdParty ? thirdPartyTransfer(id, amount, date: date) : directPaymentTransfer(id, amount, date: date)
    }
}
