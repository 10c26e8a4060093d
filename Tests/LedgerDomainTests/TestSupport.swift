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
