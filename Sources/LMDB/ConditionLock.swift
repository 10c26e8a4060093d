#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one lock type of the engine: a mutex with one condition variable. A plain mutex where
/// nothing waits (the environment's database-handle lock, shared counters); the hand-offs
/// between the ledger's threads (`ChunkQueue`, the group committer's queue) wait on its
/// condition. (`Synchronization.Mutex` needs macOS 15; the package supports macOS 14, and it
/// has no condition variable.)
///
/// Every pthread return code is checked: these calls fail only on misuse (EDEADLK, EPERM,
/// EINVAL) or when the system is out of resources at creation, and going on after either would
/// leave shared state unguarded, so a failure stops the process with the call's name.
/// Heap-allocated because a pthread mutex must not move once initialised.
public final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        expectZero(pthread_mutex_init(mutex, nil), "pthread_mutex_init")
        expectZero(pthread_cond_init(condition, nil), "pthread_cond_init")
    }

    deinit {
        expectZero(pthread_cond_destroy(condition), "pthread_cond_destroy")
        expectZero(pthread_mutex_destroy(mutex), "pthread_mutex_destroy")
        mutex.deallocate()
        condition.deallocate()
    }

    public func withLock<R>(_ body: () throws -> R) rethrows -> R {
        expectZero(pthread_mutex_lock(mutex), "pthread_mutex_lock")
        defer { expectZero(pthread_mutex_unlock(mutex), "pthread_mutex_unlock") }
        return try body()
    }

    /// Inside `withLock`: waits for a `broadcast` (or a spurious wake-up: re-check).
    public func wait() { expectZero(pthread_cond_wait(condition, mutex), "pthread_cond_wait") }

    /// Inside `withLock`: waits for a `broadcast` until `deadline`; false once it has passed.
    public func wait(until deadline: timespec) -> Bool {
        var deadline = deadline
        let rc = pthread_cond_timedwait(condition, mutex, &deadline)
        if rc == ETIMEDOUT { return false }
        expectZero(rc, "pthread_cond_timedwait")
        return true
    }

    /// Inside `withLock`: wakes every waiter.
    public func broadcast() { expectZero(pthread_cond_broadcast(condition), "pthread_cond_broadcast") }

    /// The wall-clock time `nanoseconds` from now, for `wait(until:)`.
    public static func deadline(after nanoseconds: Int) -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let total = Int(now.tv_nsec) + nanoseconds
        return timespec(tv_sec: now.tv_sec + total / 1_000_000_000, tv_nsec: total % 1_000_000_000)
    }
}
