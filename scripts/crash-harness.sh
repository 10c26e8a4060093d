#!/usr/bin/env bash
# The long form of the crash harness (CI runs 30 trials inside `scripts/test`):
#   TRIALS=1000 scripts/crash-harness.sh
# Each trial starts the real `budget-ledger post` on a fresh batch of 200-2,000 events, kills it
# with SIGKILL at a random instant, then checks that the ledger opens, `verify` passes and it
# holds exactly the batches whose post exited 0 (plus the killed one only if whole). The same
# number of trials kills `init`, and `upgrade` of the format-1 fixture year. The test is
# Tests/CLITests/Reliability/CrashHarnessTests.swift; it prints the tally at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-lmdb.sh
swift build --build-tests
CRASH_TRIALS="${TRIALS:-1000}" exec swift test --skip-build --filter CrashHarnessTests
