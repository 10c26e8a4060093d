import LedgerCLI

// The test build of budget-ledger: the same commands, plus the switches tests need and real use
// must never have (a pinned clock for reproducible hashes, a small cap on standard input).
BudgetLedgerCommand.runAndExit(testBuild: true)
