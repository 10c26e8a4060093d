import Foundation

/// The repository's `Fixtures/` folder.
enum FixtureFiles {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    /// The lines of a fixture file, blank ones dropped.
    static func lines(_ relativePath: String) throws -> [[UInt8]] {
        try String(contentsOfFile: folder + "/" + relativePath, encoding: .utf8)
            .split(separator: "\n").map { Array($0.utf8) }
    }
}

/// A small deterministic generator (SplitMix64), so that a failing mutation can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
