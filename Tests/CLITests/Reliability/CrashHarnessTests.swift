import Foundation
import Testing
import TestSupport
@_spi(Testing) import LedgerStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 6: a `post` killed with SIGKILL at any instant loses no batch that was reported
/// posted and half-writes none. Each trial starts the real binary on a fresh batch of 200–2,000
/// events and kills it after a random delay spanning the whole post (start-up, reading,
/// checking, commit, exit); then the ledger must open, verify, and hold exactly the batches
/// whose post exited 0, plus the killed one only if whole.
///
/// Run twice: with each post in one commit, and (issue 13) with `--lines-per-commit 150`, so
/// that most batches land in several commits and most kills fall between two of them.
///
/// CI runs `$CRASH_TRIALS` (default 30) kills of each; `scripts/crash-harness.sh` runs the long form.
@Suite struct CrashHarnessTests {
    static let trials = Int(ProcessInfo.processInfo.environment["CRASH_TRIALS"] ?? "") ?? 30
    /// A fresh ledger every so many trials keeps `verify` after each kill quick in the long form.
    static let trialsPerLedger = 10

    @Test(arguments: [[], ["--lines-per-commit", "150"]])
    func aPostKilledAtAnyInstantLeavesExactlyTheWholeBatchesThatCommitted(postOptions: [String]) throws {
        var random = SeededGenerator(seed: 20_260_402)
        var tally = CrashTally()
        var timing = PostTiming()
        var trial = 0
        while trial < Self.trials {
            let cli = CLIRunner()
            defer { cli.remove() }
            try #require(try cli.run(["init"]).status == 0)
            var expected = ExpectedLedger()
            // Uninterrupted posts time the binary (the first run) and prove the ledger still
            // takes writes after the kills (a dead writer must not leave LMDB's lock held).
            try Self.postWhole(cli, budget: "W\(trial)-first", events: 200, options: postOptions, into: &expected, timing: &timing)
            if trial == 0 { try Self.postWhole(cli, budget: "W-calibration", events: 2_000, options: postOptions, into: &expected, timing: &timing) }
            for _ in 0..<min(Self.trialsPerLedger, Self.trials - trial) {
                trial += 1
                try Self.killedPost(cli, budget: "K\(trial)", events: Int.random(in: 200...2_000, using: &random), options: postOptions,
                                    expected: &expected, tally: &tally, timing: &timing, random: &random)
            }
            try Self.postWhole(cli, budget: "W\(trial)-last", events: 500, options: postOptions, into: &expected, timing: &timing)
            // Ids, not just counts: exactly the committed batches, whole, in commit order.
            #expect(try ReportLines.ids(cli.run(["export"]).standardOutput) == expected.ids)
            tally.eventsChecked += expected.ids.count
        }
        print("crash harness \(postOptions.joined(separator: " ")): \(tally)")
        #expect(tally.trials == Self.trials)
    }

    /// LMDB creates the data file before `init` commits the ledger: a kill in between must leave
    /// a directory the next `init` can finish, never one that is neither a ledger nor free.
    @Test func anInitKilledAtAnyInstantLeavesADirectoryTheNextInitCanUse() throws {
        var random = SeededGenerator(seed: 20_260_403)
        let timer = CLIRunner()
        defer { timer.remove() }
        let started = ContinuousClock.now
        try #require(try timer.run(["init"]).status == 0)
        let span = (ContinuousClock.now - started) * 1.2
        var outcomes: [String: Int] = [:]
        for trial in 1...Self.trials {
            let cli = CLIRunner()
            defer { cli.remove() }
            let initialise = try ChildProcess(cli, ["init"])
            usleep(UInt32(Double.random(in: 0...1, using: &random) * Double(span.microseconds)))
            let killed = try initialise.killNow().signal == SIGKILL
            let left = !FileManager.default.fileExists(atPath: cli.ledger + "/data.mdb") ? "no data file"
                : try cli.run(["verify"]).status == 0 ? "a whole ledger" : "a data file without a ledger"
            outcomes["\(killed ? "killed" : "exited first"), leaving \(left)", default: 0] += 1
            let again = try cli.run(["init"])
            #expect(again.status == 0 || again.standardError == "error: a ledger already exists at \(cli.ledger)\n", "trial \(trial): \(again.standardError)")
            #expect(try cli.run(["post"], input: SampleEvents.opening("B")).status == 0, "trial \(trial)")
            #expect(try cli.run(["verify"]).status == 0, "trial \(trial)")
        }
        print("killed inits: \(outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "; "))")
    }

    /// Issue 13: `upgrade` writes the budget index and the money effects in commits of their own
    /// before its last commit records the new format. Killed at any instant (here with
    /// `--entries-per-commit 100`: 24 commits for the fixture year in format 1, so that many
    /// kills fall between two), it leaves the ledger in format 1, refused as such, or in format 5
    /// whole, with the model's balances; either way an upgrade then gives those balances and
    /// verify passes.
    @Test func anUpgradeKilledAtAnyInstantLeavesTheOldFormatOrTheNewWhole() throws {
        var random = SeededGenerator(seed: 20_260_404)
        let expected = try String(contentsOfFile: CLIRunner.fixture("expected/year-2025-26.balances.jsonl"), encoding: .utf8)
        let options = ["upgrade", "--entries-per-commit", "100"]
        // Most of an upgrade this small is the process starting: half the kills land anywhere in
        // it, half after the start-up (the time an upgrade that has nothing to do takes).
        let timer = try UpgradeTests.olderFormatLedger("year-2025-26")
        defer { timer.remove() }
        var started = ContinuousClock.now
        try #require(try timer.run(options).status == 0)
        let span = ContinuousClock.now - started
        started = ContinuousClock.now
        try #require(try timer.run(options).status == 0)
        let startUp = ContinuousClock.now - started
        var outcomes: [String: Int] = [:]
        for trial in 1...Self.trials {
            let cli = try UpgradeTests.olderFormatLedger("year-2025-26")
            defer { cli.remove() }
            let upgrade = try ChildProcess(cli, options)
            let from = random.chance(50) ? 0 : Double(startUp.microseconds)
            usleep(UInt32(Double.random(in: from...max(from, Double(span.microseconds) * 1.2), using: &random)))
            let killed = try upgrade.killNow().signal == SIGKILL
            let progress = try Ledger.upgradeProgress(at: cli.ledger)
            let stage = progress.format == 5 ? "format 5"
                : progress.indexEntries + progress.effects == 0 ? "format 1, nothing written"
                : progress.indexEntries + progress.effects == 2 * 1_167 ? "format 1, index and effects written"
                : "format 1, between two commits"
            outcomes["\(killed ? "killed" : "exited first"), leaving \(stage)", default: 0] += 1
            let balances = try cli.run(["balances", "--json"])
            if balances.status == 0 {
                #expect(balances.standardOutput == expected, "trial \(trial)")
                #expect(try cli.run(["verify"]).status == 0, "trial \(trial)")
            } else {
                #expect(balances.standardError == UpgradeTests.refusal, "trial \(trial)")
            }
            #expect(try cli.run(["upgrade"]).status == 0, "trial \(trial)")
            #expect(try cli.run(["balances", "--json"]).standardOutput == expected, "trial \(trial)")
            #expect(try cli.run(["verify"]).status == 0, "trial \(trial)")
        }
        print("killed upgrades: \(outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "; "))")
    }

    /// One trial: post, kill at a random instant, check.
    private static func killedPost(_ cli: CLIRunner, budget: String, events: Int, options: [String], expected: inout ExpectedLedger,
                                   tally: inout CrashTally, timing: inout PostTiming, random: inout SeededGenerator) throws {
        let file = try BatchFile.write(budget: budget, events: events)
        defer { unlink(file) }
        let delay = timing.randomDelay(events: events, using: &random)
        let post = try ChildProcess(cli, ["post"] + options + [file])
        usleep(UInt32(delay.microseconds))
        let outcome = try post.killNow()
        if try Ledger.open(at: cli.ledger, readOnly: true).hasUnfinishedImport() { tally.killedBetweenCommits += 1 }
        let versions = try ReportLines.versions(cli.run(["balances", "--json"]).standardOutput)
        switch (outcome.status, outcome.signal, versions[budget]) {
        case (0?, nil, events?):
            tally.completedBeforeKill += 1
            expected.commit(budget: budget, events: events)
            timing.learn(exitedFirst: true, committed: true)
        case (nil, SIGKILL?, nil):
            tally.killedBeforeCommit += 1
            timing.learn(exitedFirst: false, committed: false)
        case (nil, SIGKILL?, events?):
            tally.killedAfterCommit += 1
            expected.commit(budget: budget, events: events)
        default:
            Issue.record("trial \(budget): \(outcome), budget version \(String(describing: versions[budget])) of \(events); stderr: \(post.standardError)")
        }
        #expect(versions == expected.versions, "trial \(budget)")
        let verify = try cli.run(["verify", "--json"])
        #expect(verify.status == 0, "trial \(budget)")
        #expect(verify.standardOutput == expected.verifyJSON, "trial \(budget)")
    }

    /// Posts a batch without killing it; it must succeed.
    private static func postWhole(_ cli: CLIRunner, budget: String, events: Int, options: [String], into expected: inout ExpectedLedger,
                                  timing: inout PostTiming) throws {
        let file = try BatchFile.write(budget: budget, events: events)
        defer { unlink(file) }
        let started = ContinuousClock.now
        let post = try ChildProcess(cli, ["post"] + options + [file])
        let outcome = try post.wait()
        try #require(outcome.status == 0, "\(post.standardError)")
        timing.record(events: events, took: ContinuousClock.now - started)
        expected.commit(budget: budget, events: events)
    }
}

/// What the ledger must hold: the batches whose post committed, in commit order.
private struct ExpectedLedger {
    private(set) var versions: [String: Int] = [:]
    private(set) var ids: [String] = []

    mutating func commit(budget: String, events: Int) {
        versions[budget] = events
        ids += (1...events).map { "\(budget)-\($0)" }
    }

    var verifyJSON: String { ReportLines.intactVerify(events: ids.count, budgets: versions.count) }
}

/// When to kill. Half the kills land uniformly anywhere in a post; the other half close to its
/// commit, the instant that matters most (pages written, meta page not yet), which is a few
/// milliseconds of a 100 ms post. The time to the commit is modelled as start-up plus a cost per
/// event, from two uninterrupted posts of different sizes, and then learnt as the trials go (the
/// machine may be busy): a post that exited first moves it earlier, one killed with nothing
/// written moves it later.
private struct PostTiming {
    private var samples: [(events: Int, seconds: Double)] = []
    private var startUp = 0.05, perEvent = 0.000_05, scale = 1.0
    private var nearTheCommit = false

    /// An uninterrupted post, start to exit; the first two calibrate.
    mutating func record(events: Int, took elapsed: Duration) {
        guard samples.count < 2 else { return }
        samples.append((events, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        guard samples.count == 2, samples[0].events != samples[1].events else { return }
        perEvent = max(0, (samples[1].seconds - samples[0].seconds) / Double(samples[1].events - samples[0].events))
        startUp = max(0, samples[0].seconds - perEvent * Double(samples[0].events))
    }

    mutating func randomDelay(events: Int, using random: inout SeededGenerator) -> Duration {
        let commit = scale * (startUp + perEvent * Double(events))
        nearTheCommit = random.chance(50)
        let (low, high) = nearTheCommit ? (0.9 * commit, 1.1 * commit) : (0, 1.2 * commit)
        return .microseconds(Int64(1e6 * Double.random(in: low...high, using: &random)))
    }

    mutating func learn(exitedFirst: Bool, committed: Bool) {
        guard nearTheCommit, exitedFirst || !committed else { return }
        scale *= exitedFirst ? 0.9 : 1.1
    }
}

private struct CrashTally: CustomStringConvertible {
    var killedBeforeCommit = 0
    var killedAfterCommit = 0
    var completedBeforeKill = 0
    /// Of those killed before the (last) commit, the ones that left earlier commits to roll back.
    var killedBetweenCommits = 0
    var eventsChecked = 0

    var trials: Int { killedBeforeCommit + killedAfterCommit + completedBeforeKill }

    var description: String {
        "\(trials) SIGKILL trials: \(killedBeforeCommit) killed before the commit (batch absent; "
            + "\(killedBetweenCommits) of them between two of its commits, rolled back), "
            + "\(killedAfterCommit) killed after it (batch whole), \(completedBeforeKill) exited 0 first; "
            + "no batch lost or half-written; \(eventsChecked) event ids checked"
    }
}

private extension Duration {
    var microseconds: Int64 { components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000 }
}
