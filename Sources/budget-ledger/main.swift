import LedgerCLI

BudgetLedgerCommand.runAndExit()
