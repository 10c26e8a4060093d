import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `budget-ledger` process started with posix_spawn, for the tests that must kill it with
/// SIGKILL at an arbitrary instant or watch its memory: Foundation's `Process` reaps its
/// children itself, so a kill could race with the reaping.
/// Output goes to files, so a child never blocks on a full pipe while the test is not reading.
final class ChildProcess {
    /// How the child ended.
    struct Outcome: Equatable {
        /// The exit status, when it exited.
        let status: Int32?
        /// The signal that ended it, when one did.
        let signal: Int32?
    }

    let pid: pid_t
    let standardOutputPath: String
    let standardErrorPath: String
    private(set) var outcome: Outcome?

    /// Starts `budget-ledger ARGUMENTS` with the test environment of `runner` (its ledger and
    /// pinned clock). Standard input is `inputDescriptor` (say a pipe's read end), else the
    /// file `input`, else /dev/null. Never a FIFO by path: posix_spawn suspends the parent
    /// until the child execs, and the child's open of a FIFO waits for a writer.
    init(_ runner: CLIRunner, _ arguments: [String], input: String? = nil, inputDescriptor: Int32? = nil,
         environment extra: [String: String] = [:]) throws {
        let scratch = TemporaryFiles.path("child")
        standardOutputPath = scratch + ".out"
        standardErrorPath = scratch + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let inputDescriptor {
            posix_spawn_file_actions_adddup2(&actions, inputDescriptor, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, standardOutputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, standardErrorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let executable = CLIRunner.executable.path
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = runner.environment(extra).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child = pid_t()
        let rc = posix_spawn(&child, executable, &actions, nil, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        pid = child
    }

    deinit {
        if outcome == nil { kill(pid, SIGKILL); _ = try? wait() }
        unlink(standardOutputPath)
        unlink(standardErrorPath)
    }

    /// True once the child has ended (reaping it); never blocks.
    func hasEnded() throws -> Bool {
        if outcome != nil { return true }
        return try reap(options: WNOHANG)
    }

    /// Sends SIGKILL unless the child has already ended, then reaps it.
    @discardableResult
    func killNow() throws -> Outcome {
        if try !hasEnded() { kill(pid, SIGKILL) }
        return try wait()
    }

    /// Blocks until the child ends.
    @discardableResult
    func wait() throws -> Outcome {
        while outcome == nil { _ = try reap(options: 0) }
        return outcome!
    }

    /// Blocks until the child ends, sampling its peak resident memory (VmHWM, KiB) meanwhile.
    /// Not wait4's ru_maxrss: posix_spawn shares the test process's memory until exec, and
    /// Linux charges that high-water mark to the child.
    func waitMeasuringPeakMemory() throws -> (Outcome, peakKiB: Int) {
        var peak = 0
        while try !hasEnded() {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kib = Int(line.split(separator: " ").dropFirst().first ?? "") {
                peak = max(peak, kib)
            }
            usleep(10_000)
        }
        return (try wait(), peak)
    }

    var standardOutput: String { (try? String(contentsOfFile: standardOutputPath, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOfFile: standardErrorPath, encoding: .utf8)) ?? "" }

    private func reap(options: Int32) throws -> Bool {
        var status: Int32 = 0
        let result = waitpid(pid, &status, options)
        if result == 0 { return false }
        guard result == pid else {
            if errno == EINTR { return false }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        // The <sys/wait.h> macros are not imported into Swift: the low 7 bits hold the
        // terminating signal (0 for a normal exit), the next byte the exit status.
        let signal = status & 0x7F
        outcome = Outcome(status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal)
        return true
    }
}
