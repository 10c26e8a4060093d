import Foundation

/// Runs scripts in a private mount namespace (`unshare --user --map-root-user --mount`), where
/// a test may mount a tiny tmpfs (a disk that really fills up) or remount a directory read-only
/// (which even root cannot write) without privileges and without touching the machine's mounts.
/// Where user namespaces are disabled, the tests that need one are skipped, not failed.
enum PrivateMount {
    static let isAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["--user", "--map-root-user", "--mount", "/bin/true"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// `sh -c script` inside a private namespace, through the runner (its environment, `$BUDGET_LEDGER`).
    static func run(_ cli: CLIRunner, _ script: String, environment: [String: String] = [:]) throws -> CLIRunner.Result {
        try cli.runShell(#"exec unshare --user --map-root-user --mount /bin/sh -c "$SCRIPT""#,
                         environment: environment.merging(["SCRIPT": script]) { $1 })
    }
}
