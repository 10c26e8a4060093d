import Foundation
import Testing
import LedgerDomain
@testable import LedgerStore

/// Issue 6: random sequences of valid and invalid events, applied to the engine and to
/// `LedgerModel` (written independently, in the tests), agree after every step: the outcome
/// and code of every line, and every budget's version, status and balances. Seeded, so a
/// failure replays exactly; the first disagreement stops the run and names the step and line.
@Suite struct ModelPropertyTests {
    static let seeds: [UInt64] = [11, 12, 13, 14]
    static let stepsInMemory = 2_500
    static let stepsOnDisk = 1_500

    /// The rules over an in-memory lookup (`PostingRules` + `MemoryLedger`): many steps, cheaply.
    @Test func theEngineAgreesWithTheModelAfterEveryStep() throws {
        var seen: [String: Int] = [:]
        for seed in Self.seeds {
            var model = LedgerModel()
            var generator = EventGenerator(seed: seed)
            let engine = MemoryLedger()
            for step in 1...Self.stepsInMemory {
                let line = generator.next(for: model)
                let expected = model.post(line)
                let actual = Self.outcome(try engine.post(line.bytes))
                try #require(actual == expected, "seed \(seed) step \(step): \(line)\nengine \(actual), model \(expected)")
                let differences = Self.differences(model, engine.states)
                try #require(differences.isEmpty, "seed \(seed) step \(step): \(line)\n\(differences.joined(separator: "\n"))")
                seen["\(expected)", default: 0] += 1
            }
        }
        // The generator must reach every outcome, or agreement would prove less than it seems.
        let every = ["accepted", "duplicate"] + RejectionCode.allCases.map(\.rawValue)
        #expect(every.filter { seen[$0] == nil } == [])
        print("model-based test: \(Self.seeds.count * Self.stepsInMemory) steps in memory over \(Self.seeds.count) seeds: "
              + seen.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    /// The same through a real ledger (LMDB, one transaction per line): outcomes, seqs, balances.
    @Test func aRealLedgerAgreesWithTheModelAfterEveryStep() throws {
        let directory = TestLedger.temporaryPath("model")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = try Ledger.create(at: directory, durable: false)  // fsync adds nothing to what is compared
        var model = LedgerModel()
        var generator = EventGenerator(seed: Self.seeds[0] + 100)
        for step in 1...Self.stepsOnDisk {
            let line = generator.next(for: model)
            let expected = model.post(line)
            let report = try ledger.post(mode: .partial, clock: TestLedger.fixedClock) { ArrayLineSource([line.bytes]) }
            let result = try #require(report.results.first)
            let actual: LedgerModel.Outcome = switch result.status {
            case .accepted: .accepted
            case .duplicate: .duplicate
            case .rejected: .rejected(result.rejection?.code.rawValue ?? "?")
            }
            try #require(actual == expected, "step \(step): \(line)\nledger \(actual), model \(expected)")
            if actual == .accepted { try #require(result.seq == UInt64(model.accepted), "step \(step): seq \(String(describing: result.seq))") }
            let states = Dictionary(uniqueKeysWithValues: try ledger.budgetStates().map { ($0.budget, $0) })
            let differences = Self.differences(model, states)
            try #require(differences.isEmpty, "step \(step): \(line)\n\(differences.joined(separator: "\n"))")
        }
        #expect(try ledger.eventCount() == UInt64(model.accepted))
        #expect(try ledger.verify().isIntact)
    }

    static func outcome(_ outcome: PostingOutcome) -> LedgerModel.Outcome {
        switch outcome {
        case .accepted: return .accepted
        case .duplicate: return .duplicate
        case .rejected(let rejection): return .rejected(rejection.code.rawValue)
        }
    }

    /// Every way the engine's budgets differ from the model's; empty when they agree. Every
    /// budget is compared after every step (not only the one the line names), cheaply: text is
    /// built only for a difference.
    static func differences(_ model: LedgerModel, _ engine: [String: BudgetState]) -> [String] {
        var differences: [String] = []
        if model.budgets.count != engine.count || model.budgets.keys.contains(where: { engine[$0] == nil }) {
            differences.append("budgets: model \(model.budgets.keys.sorted()), engine \(engine.keys.sorted())")
        }
        for (name, expected) in model.budgets {
            guard let actual = engine[name] else { continue }
            if expected.version != Int(actual.version) || expected.closed != actual.isClosed
                || expected.openCommitments != actual.openCommitmentCount || expected.pots.map(\.name) != actual.pots.map(\.pot.rawValue) {
                differences.append("budget \(name): model v\(expected.version) closed \(expected.closed) open \(expected.openCommitments) \(expected.pots.map(\.name)), "
                                   + "engine v\(actual.version) closed \(actual.isClosed) open \(actual.openCommitmentCount) \(actual.pots.map(\.pot.rawValue))")
            }
            for (pot, balances) in zip(expected.pots, actual.pots) where !agree(pot, balances) {
                let modelAmounts = [pot.allocated, pot.committed, pot.transferred, pot.spent, pot.recovered, pot.held, pot.available, pot.remaining]
                let engineAmounts = [balances.allocated, balances.committed, balances.transferred, balances.spent, balances.recovered,
                                     balances.held, balances.available, balances.remaining].map(\.pence)
                differences.append("budget \(name) pot \(pot.name) (allocated committed transferred spent recovered held available remaining): model \(modelAmounts), engine \(engineAmounts)")
            }
        }
        return differences
    }

    private static func agree(_ pot: LedgerModel.Pot, _ balances: PotBalances) -> Bool {
        pot.allocated == balances.allocated.pence && pot.committed == balances.committed.pence
            && pot.transferred == balances.transferred.pence && pot.spent == balances.spent.pence
            && pot.recovered == balances.recovered.pence && pot.held == balances.held.pence
            && pot.available == balances.available.pence && pot.remaining == balances.remaining.pence
    }
}
