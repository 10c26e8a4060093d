import Foundation

/// Files the ledger writes for a person to keep (`audit --html`) hold personal data: they are
/// readable by their owner only, like the ledger's own files.
enum PrivateFile {
    static let mode: mode_t = 0o600

    /// Writes `bytes` to `path`, created 0600 by open(2) itself (never readable by others, even
    /// for a moment), or truncated and narrowed to 0600 when it exists already.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot write \(path)") }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode) == 0 else { throw failure("cannot make \(path) private") }
        if let code = DescriptorWriter.writeAll(bytes, to: descriptor) {
            errno = code
            throw failure("cannot write \(path)")
        }
    }

    private static func failure(_ what: String) -> CommandFailure {
        CommandFailure(status: .operationalFailure, message: "error: \(what): \(String(cString: strerror(errno)))")
    }
}
