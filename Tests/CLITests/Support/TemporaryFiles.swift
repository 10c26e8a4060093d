import Foundation

/// Unique paths under the temporary directory, so parallel tests never share a file.
enum TemporaryFiles {
    static func path(_ label: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("budget-ledger-\(label)-\(UUID().uuidString)").path
    }
}
