#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain OS thread running one closure, joined explicitly. Used where work must run beside a
/// blocking LMDB write transaction (which stays on its own thread), not on Swift's cooperative
/// pool, whose few threads must never block on I/O or locks.
struct BackgroundThread {
    private let thread: pthread_t

    /// Starts `body` on a new thread. - Throws: `StoreError.threadUnavailable` if no thread can be made.
    init(_ body: @escaping @Sendable () -> Void) throws {
        final class Box { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        #if canImport(Darwin)
        var created: pthread_t?
        #else
        var created = pthread_t()
        #endif
        let rc = pthread_create(&created, nil, { context in
            let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
            box.body()
            return nil
        }, context)
        guard rc == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            throw StoreError.threadUnavailable(errno: rc)
        }
        #if canImport(Darwin)
        thread = created!
        #else
        thread = created
        #endif
    }

    /// Waits for the closure to return.
    func join() { pthread_join(thread, nil) }
}
