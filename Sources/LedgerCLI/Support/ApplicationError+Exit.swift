import LedgerApplication

extension ApplicationError {
    /// The command line's words and exit status for a use case's error: the option names are
    /// the CLI's, so they are added here, not in the engine.
    var commandFailure: CommandFailure {
        switch self {
        case .periodEndsBeforeBudgetStarts(let budget, let end, let budgetStart):
            return CommandFailure(status: .usage, message: "error: --period-end \(end) is before budget \"\(budget)\" starts (\(budgetStart)); pass --period-start")
        case .periodStartsAfterEnd, .surplusWeeksOutOfRange:
            return CommandFailure(status: .usage, message: "error: \(self)")
        case .noSuchBudget, .reconciliation, .figuresTooLarge:
            return CommandFailure(status: .operationalFailure, message: "error: \(self)")
        }
    }
}
