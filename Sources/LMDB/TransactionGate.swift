#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps map resizing and transactions apart within this process.
///
/// mdb_env_set_mapsize "may be called at later times if no transactions are active in this
/// process. Note that the library does not check for this condition, the caller must ensure it
/// explicitly." So every transaction (and every call that reads the map) runs under the shared
/// side of a reader-writer lock, and resizing takes the exclusive side.
///
/// The lock is taken once per thread: nested transactions on the same thread (a read inside a
/// write, which MDB_NOTLS permits) only bump a thread-local depth. That makes writer preference
/// safe — a waiting resize holds back new outer transactions instead of starving behind them —
/// and lets callers ask whether this thread is already inside a transaction, where waiting for
/// the exclusive side would deadlock. Transaction bodies are synchronous closures, so a
/// transaction starts and ends on one OS thread even when called from a Swift task.
final class TransactionGate: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
    /// Per-thread state, stored in the pointer value: (depth << 1) | writing.
    private let stateKey: pthread_key_t

    init() throws {
        var attributes = pthread_rwlockattr_t()
        try check(pthread_rwlockattr_init(&attributes), "pthread_rwlockattr_init")
        defer { pthread_rwlockattr_destroy(&attributes) }
        #if os(Linux)
        // glibc prefers readers by default; recursion is avoided above, so prefer the resizer.
        try check(
            pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP)),
            "pthread_rwlockattr_setkind_np")
        #endif
        var key = pthread_key_t()
        try check(pthread_key_create(&key, nil), "pthread_key_create")
        let rc = pthread_rwlock_init(lock, &attributes)
        guard rc == 0 else {
            pthread_key_delete(key)
            lock.deallocate()
            throw LMDBError(code: rc, operation: "pthread_rwlock_init")
        }
        stateKey = key
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
        pthread_key_delete(stateKey)
    }

    /// This thread is inside a transaction (or other shared section) of this environment.
    var currentThreadIsInside: Bool { threadState >> 1 != 0 }

    /// This thread is inside a write transaction of this environment.
    var currentThreadIsWriting: Bool { threadState & 1 != 0 }

    // The lock calls below can only fail on misuse (EDEADLK: this thread holds the exclusive
    // side; EAGAIN: more than INT_MAX readers) or out of memory, so failures are preconditions.

    /// Runs `body` while no resize can happen; re-entrant on one thread.
    func withShared<R>(writing: Bool = false, _ body: () throws -> R) rethrows -> R {
        let outer = threadState
        let outermost = outer >> 1 == 0
        if outermost { expectZero(pthread_rwlock_rdlock(lock), "pthread_rwlock_rdlock") }
        setThreadState((outer + 2) | (writing ? 1 : 0))
        defer {
            setThreadState(outer)
            if outermost { expectZero(pthread_rwlock_unlock(lock), "pthread_rwlock_unlock") }
        }
        return try body()
    }

    /// Like `withShared` (outermost, not writing), but returns nil instead of waiting when the
    /// shared side is not free at once (a resize holds or awaits the exclusive side).
    func withSharedIfFree<R>(_ body: () throws -> R) rethrows -> R? {
        precondition(!currentThreadIsInside, "withSharedIfFree is for threads outside any transaction")
        guard pthread_rwlock_tryrdlock(lock) == 0 else { return nil }
        setThreadState(2)
        defer {
            setThreadState(0)
            expectZero(pthread_rwlock_unlock(lock), "pthread_rwlock_unlock")
        }
        return try body()
    }

    /// Runs `body` while no transaction of this process is active.
    /// The caller must not be inside a transaction on this thread (that would deadlock).
    func withExclusive<R>(_ body: () throws -> R) rethrows -> R {
        precondition(!currentThreadIsInside, "map resize requested from inside a transaction")
        expectZero(pthread_rwlock_wrlock(lock), "pthread_rwlock_wrlock")
        defer { expectZero(pthread_rwlock_unlock(lock), "pthread_rwlock_unlock") }
        return try body()
    }

    private var threadState: Int {
        Int(bitPattern: pthread_getspecific(stateKey))
    }

    private func setThreadState(_ state: Int) {
        // Fails only with ENOMEM, the first time a thread stores a value for this key.
        expectZero(pthread_setspecific(stateKey, UnsafeRawPointer(bitPattern: state)), "pthread_setspecific")
    }
}

/// For pthread calls whose failure means a bug, not a condition to recover from.
@inline(__always)
func expectZero(_ rc: Int32, _ operation: StaticString) {
    precondition(rc == 0, "\(operation) failed: \(rc)")
}
