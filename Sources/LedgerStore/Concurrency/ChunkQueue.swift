#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bounded hand-off of chunks from one producer thread to one consumer thread. Bounded, so a
/// producer that runs ahead (decoding a large file) holds only a few chunks in memory. Either
/// side may stop early: the consumer by `cancel` (the producer's next `push` returns false), the
/// producer by `finish`, with or without an error for the consumer.
final class ChunkQueue<Element: Sendable>: @unchecked Sendable {
    private let capacity: Int
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    // Guarded by `mutex`.
    private var chunks: [[Element]] = []
    private var isFinished = false
    private var isCancelled = false
    private var failure: (any Error)?

    init(capacity: Int) {
        self.capacity = capacity
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        changed.deallocate()
    }

    /// Waits for room, then hands `chunk` over. False when the consumer cancelled: stop producing.
    func push(_ chunk: [Element]) -> Bool {
        locked {
            while chunks.count >= capacity && !isCancelled { pthread_cond_wait(changed, mutex) }
            guard !isCancelled else { return false }
            chunks.append(chunk)
            pthread_cond_broadcast(changed)
            return true
        }
    }

    /// No more chunks will come; `error`, if any, is thrown to the consumer after the last one.
    func finish(throwing error: (any Error)? = nil) {
        locked {
            isFinished = true
            failure = error
            pthread_cond_broadcast(changed)
        }
    }

    /// The next chunk, waiting for it; nil once the producer finished and every chunk was taken.
    func pop() throws -> [Element]? {
        let (chunk, error): ([Element]?, (any Error)?) = locked {
            while chunks.isEmpty && !isFinished { pthread_cond_wait(changed, mutex) }
            guard chunks.isEmpty else {
                pthread_cond_broadcast(changed)
                return (chunks.removeFirst(), nil)
            }
            return (nil, failure)
        }
        if let error { throw error }
        return chunk
    }

    /// The consumer stops: the producer's waiting or next `push` returns false.
    func cancel() {
        locked {
            isCancelled = true
            chunks.removeAll()
            pthread_cond_broadcast(changed)
        }
    }

    private func locked<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
