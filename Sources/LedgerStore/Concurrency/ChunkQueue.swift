import LMDB

/// A bounded hand-off of chunks from one producer thread to one consumer thread. Bounded, so a
/// producer that runs ahead (decoding a large file) holds only a few chunks in memory. Either
/// side may stop early: the consumer by `cancel` (the producer's next `push` returns false), the
/// producer by `finish`, with or without an error for the consumer.
///
/// The consumer gives each chunk it is done with back (`giveBack`), and the producer drops them
/// (`takeGivenBack`): freeing the elements is then the producer's work. On the posting path the
/// consumer is the writer, the busier thread, and freeing a decoded line's strings and buffers
/// cost it as much as a lookup in the id index.
final class ChunkQueue<Element: Sendable>: @unchecked Sendable {
    private let capacity: Int
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private var chunks: [[Element]] = []
    private var givenBack: [[Element]] = []
    private var isFinished = false
    private var isCancelled = false
    private var failure: (any Error)?

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room, then hands `chunk` over. False when the consumer cancelled: stop producing.
    func push(_ chunk: [Element]) -> Bool {
        lock.withLock {
            while chunks.count >= capacity && !isCancelled { lock.wait() }
            guard !isCancelled else { return false }
            chunks.append(chunk)
            lock.broadcast()
            return true
        }
    }

    /// No more chunks will come; `error`, if any, is thrown to the consumer after the last one.
    func finish(throwing error: (any Error)? = nil) {
        lock.withLock {
            isFinished = true
            failure = error
            lock.broadcast()
        }
    }

    /// The next chunk, waiting for it; nil once the producer finished and every chunk was taken.
    func pop() throws -> [Element]? {
        let (chunk, error): ([Element]?, (any Error)?) = lock.withLock {
            while chunks.isEmpty && !isFinished { lock.wait() }
            guard chunks.isEmpty else {
                lock.broadcast()
                return (chunks.removeFirst(), nil)
            }
            return (nil, failure)
        }
        if let error { throw error }
        return chunk
    }

    /// A chunk the consumer is done with, for the producer to drop.
    func giveBack(_ chunk: [Element]) {
        guard !chunk.isEmpty else { return }
        lock.withLock { givenBack.append(chunk) }
    }

    /// The chunks given back since the last call: the caller drops them. At most a few wait here,
    /// as the producer takes them after each `push`.
    func takeGivenBack() -> [[Element]] {
        lock.withLock {
            let taken = givenBack
            givenBack = []
            return taken
        }
    }

    /// The consumer stops: the producer's waiting or next `push` returns false.
    func cancel() {
        lock.withLock {
            isCancelled = true
            chunks.removeAll()
            lock.broadcast()
        }
    }
}
