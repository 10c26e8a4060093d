#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Held by an import of lines from its first commit to its last. LMDB's writer lock covers one
/// transaction; an import of a large file is several (see `Ledger.post`), and no other writer
/// may slip in between them.
///
/// It is `flock` on `import.lock` in the ledger's directory. The kernel drops it when its
/// process dies, which is how a writer that finds an import's mark (`PendingImport`) tells a
/// live import (the lock is busy: wait) from one a crash cut short (the lock is free: roll its
/// commits back). Each instance opens the file afresh, so that two in one process exclude
/// each other too (`flock` locks belong to the open file, not the process).
final class ImportLock {
    private let descriptor: Int32

    static func path(in directory: String) -> String { directory + "/import.lock" }

    /// Opens (creating, private to its owner) the lock file; does not lock it.
    init(directory: String) throws {
        let descriptor = open(Self.path(in: directory), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.opening(directory, forWriting: true, errno: errno) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock if nobody holds it.
    func tryLock() throws -> Bool {
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if errno == EWOULDBLOCK { return false }
            guard errno == EINTR else { throw StoreError.cannotLock(errno: errno) }
        }
        return true
    }

    /// Takes the lock, waiting for whoever holds it; `notice` is told (once) when that takes
    /// long enough to be worth saying.
    func lock(notice: (@Sendable () -> Void)?) throws {
        if try tryLock() { return }
        let wait = WriterWait(notice: notice)
        defer { wait.end() }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw StoreError.cannotLock(errno: errno) }
        }
    }
}
