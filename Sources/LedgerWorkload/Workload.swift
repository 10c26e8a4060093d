import LedgerDomain

/// A generated workload: `events` postings over `budgets` budgets of a financial year, every one
/// accepted when posted in order into an empty ledger. Deterministic (seeded), and a lazy
/// sequence: ten million events are generated as they are posted, never held at once.
///
/// Holding models are spread as in practice (direct payments most common, then notional,
/// third-party and mixed budgets); each budget's events come in date order, and the budgets
/// take turns, so the ledger sees the year unfold across all of them at once.
public struct Workload: Sequence, Sendable {
    public let events: Int
    /// At most one budget per 8 events, so that every budget is opened, funded and used.
    public let budgets: Int
    /// Budgets are numbered from here (`PHB-000001`…), so workloads can share a ledger.
    public let firstBudget: Int
    public let seed: UInt64

    public init(events: Int, budgets: Int, firstBudget: Int = 1, seed: UInt64 = 20_250_401) {
        precondition(events >= 0 && budgets >= 1 && firstBudget >= 1, "a workload needs at least one budget")
        self.events = events
        self.budgets = Swift.min(budgets, Swift.max(1, events / 8))
        self.firstBudget = firstBudget
        self.seed = seed
    }

    /// The ids of the workload's budgets.
    public var budgetIDs: [String] { (firstBudget..<(firstBudget + budgets)).map(BudgetSimulation.id(number:)) }

    public func makeIterator() -> Iterator { Iterator(self) }

    public struct Iterator: IteratorProtocol {
        private var random: SeededRandom
        private var simulations: [BudgetSimulation] = []
        private var produced = 0
        private let total: Int

        init(_ workload: Workload) {
            total = workload.events
            random = SeededRandom(seed: workload.seed)
            // Each budget gets its share, plus one so that rounding never runs it dry.
            let share = (workload.events + workload.budgets - 1) / workload.budgets + 1
            for number in workload.firstBudget..<(workload.firstBudget + workload.budgets) {
                let model = Workload.models[number % Workload.models.count]
                simulations.append(BudgetSimulation(number: number, model: model, plannedEvents: share, random: &random))
            }
        }

        public mutating func next() -> Event? {
            guard produced < total else { return nil }
            defer { produced += 1 }
            return simulations[produced % simulations.count].next(random: &random)
        }
    }

    /// 40% direct payment, 30% notional, 20% third party, 10% mixed.
    static let models: [HoldingModel] = [.directPayment, .notional, .directPayment, .thirdParty, .notional,
                                         .directPayment, .mixed, .notional, .thirdParty, .directPayment]

    /// The events as JSON lines (canonical field order, without envelope), as a client would
    /// send them to `post`.
    public static func line(_ event: Event) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        EventEncoder.writeFields(of: event, into: &writer)
        writer.endObject()
        return writer.takeBytes()
    }
}

/// SplitMix64: small, fast and seeded, so a workload (or a test's random input) is the same on
/// every run and machine, and a failure can be replayed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
