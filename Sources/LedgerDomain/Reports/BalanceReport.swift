/// The `balance --json` object of SPEC 6.2, and the `totals` object that `audit` repeats.
public enum BalanceReport {
    public struct Totals: Equatable, Sendable {
        public var allocated = Money.zero
        public var committed = Money.zero
        public var spent = Money.zero
        public var recovered = Money.zero
        public var remaining = Money.zero
    }

    /// Plain sums: the projector never produces a state whose totals would overflow (`totalsFit`).
    public static func totals(of state: BudgetState) -> Totals {
        var totals = Totals()
        for pot in state.pots {
            totals.allocated = Money(pence: totals.allocated.pence + pot.allocated.pence)
            totals.committed = Money(pence: totals.committed.pence + pot.committed.pence)
            totals.spent = Money(pence: totals.spent.pence + pot.spent.pence)
            totals.recovered = Money(pence: totals.recovered.pence + pot.recovered.pence)
            totals.remaining = Money(pence: totals.remaining.pence + pot.remaining.pence)
        }
        return totals
    }

    /// One line of `balance --json` / `balances --json`, without the trailing newline.
    /// - Parameter surplus: when given, each third-party and direct-payment pot gets `surplus`.
    public static func json(_ state: BudgetState, surplus: ((PotBalances) -> Money)? = nil) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("budget", state.budget)
        writer.field("holding_model", state.opening.holdingModel.rawValue)
        writer.field("status", state.isClosed ? "closed" : "open")
        writer.field("person", state.opening.person)
        writer.field("version", state.version)
        writer.key("totals")
        writeTotals(totals(of: state), into: &writer)
        writer.key("pots")
        writer.beginObject()
        for pot in state.pots {
            writer.key(pot.pot.rawValue)
            writePot(pot, state: state, surplus: surplus, into: &writer)
        }
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }

    /// `balances --json` exactly (without surplus): one object per budget (in the order given,
    /// which callers keep as budget id byte order), no spaces, `\n` after each. `digest` hashes
    /// these bytes.
    public static func canonicalLines(_ states: [BudgetState]) -> [UInt8] {
        var bytes: [UInt8] = []
        for state in states {
            bytes.append(contentsOf: json(state))
            bytes.append(0x0A)
        }
        return bytes
    }

    public static func writeTotals(_ totals: Totals, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("allocated", totals.allocated)
        writer.field("committed", totals.committed)
        writer.field("spent", totals.spent)
        writer.field("recovered", totals.recovered)
        writer.field("remaining", totals.remaining)
        writer.endObject()
    }

    private static func writePot(_ pot: PotBalances, state: BudgetState, surplus: ((PotBalances) -> Money)?, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("allocated", pot.allocated)
        if pot.pot == .notional {
            writer.field("committed", pot.committed)
            writer.field("spent", pot.spent)
            writer.field("available", pot.available)
            writer.field("remaining", pot.remaining)
            writer.field("open_commitments", state.openCommitmentCount)
        } else {
            writer.field("transferred", pot.transferred)
            writer.field("spent", pot.spent)
            writer.field("recovered", pot.recovered)
            writer.field("held", pot.held)
            writer.field("available", pot.available)
            writer.field("remaining", pot.remaining)
            let unreconciled = pot.unreconciled
            writer.key("unreconciled")
            writer.beginObject()
            writer.field("count", unreconciled.count)
            writer.field("amount", unreconciled.amount)
            writer.endObject()
            writer.key("last_reconciliation")
            if let record = pot.lastReconciliation {
                writer.beginObject()
                writer.field("period_end", record.periodEnd.description)
                writer.field("expected", record.expected)
                writer.field("statement_balance", record.statementBalance)
                writer.field("variance", record.variance)
                writer.field("status", record.status)
                writer.endObject()
            } else {
                writer.null()
            }
            if let surplus { writer.field("surplus", surplus(pot)) }
        }
        writer.endObject()
    }
}
