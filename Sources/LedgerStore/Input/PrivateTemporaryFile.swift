#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary file only its owner can read, unlinked as soon as it is made: used through its
/// descriptor alone, so there is no name to delete afterwards and nothing is left behind even
/// if the process is killed.
public enum PrivateTemporaryFile {
    /// A new such file, open for reading and writing, in `$TMPDIR` (else /tmp) or `directory`.
    /// - Returns: its descriptor, or nil with `errno` set.
    public static func create(in directory: String? = nil) -> Int32? {
        let fromEnvironment = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        let path = (directory ?? fromEnvironment ?? "/tmp") + "/budget-ledger-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        // 0600 from creation by open(2) itself: the events hold personal references, and a mode
        // narrowed afterwards leaves a moment when anyone may open the file. O_EXCL: never an
        // existing file or a planted link.
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        unlink(path)
        return descriptor
    }
}
