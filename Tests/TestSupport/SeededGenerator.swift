import LedgerWorkload

/// A deterministic random number generator, so every randomised test replays the same inputs
/// from its seed: a failure found once is found again, on any machine. It draws from the
/// workload's SplitMix64 (`SeededRandom`), adding the helpers the tests use.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var random: SeededRandom

    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    public mutating func next() -> UInt64 { random.next() }

    /// True with probability `percent` in 100.
    public mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    /// One element of a non-empty collection.
    public mutating func pick<C: Collection>(_ elements: C) -> C.Element { elements.randomElement(using: &self)! }
}
