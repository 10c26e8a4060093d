#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain mutex (Synchronization.Mutex needs macOS 15; the package supports macOS 14).
/// Heap-allocated because a pthread mutex must not move once initialised.
final class PThreadMutex: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() throws {
        let rc = pthread_mutex_init(mutex, nil)
        guard rc == 0 else {
            mutex.deallocate()
            throw LMDBError(code: rc, operation: "pthread_mutex_init")
        }
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        // A default mutex fails only on misuse (EDEADLK / EPERM), which is a bug.
        expectZero(pthread_mutex_lock(mutex), "pthread_mutex_lock")
        defer { expectZero(pthread_mutex_unlock(mutex), "pthread_mutex_unlock") }
        return try body()
    }
}
