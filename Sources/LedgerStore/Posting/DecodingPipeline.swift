import LedgerDomain

/// Prepares lines for posting on a second thread, a chunk at a time, while the caller posts
/// the lines already prepared. Decoding a line and writing its canonical fields depend on the
/// line alone (`DecodedLine`) and are about a third of the work of posting; the checks and
/// the appends must stay on the write transaction's thread. On a 2-core machine this keeps
/// both cores busy during a large `post` or a bulk post of typed events.
final class DecodingPipeline {
    static let chunkSize = 512
    private let queue = ChunkQueue<DecodedLine>(capacity: 8)
    private var thread: BackgroundThread?
    private var chunk: [DecodedLine] = []
    private var index = 0

    /// Decodes `source`'s lines, from its current line on. The source is handed over: only the
    /// pipeline's thread uses it from here on.
    convenience init(source: any LineSource) throws {
        var source = source
        try self.init { try source.nextLine().map(DecodedLine.init) }
    }

    /// Prepares typed events (numbered from 1), read only by the pipeline's thread while the
    /// caller waits for the post to end.
    convenience init(events: some Collection<Event>) throws {
        var iterator = events.makeIterator()
        var number = 0
        try self.init {
            guard let event = iterator.next() else { return nil }
            number += 1
            return DecodedLine(typed: event, number: number)
        }
    }

    /// Starts a thread that calls `next` until it returns nil; `next` is handed over to it.
    private init(_ next: @escaping () throws -> DecodedLine?) throws {
        let handedOver = HandedOver(next)
        let queue = self.queue
        thread = try BackgroundThread {
            let next = handedOver.value
            var lines: [DecodedLine] = []
            lines.reserveCapacity(DecodingPipeline.chunkSize)
            do {
                while let line = try next() {
                    lines.append(line)
                    if lines.count == DecodingPipeline.chunkSize {
                        guard queue.push(lines) else { return }
                        lines.removeAll(keepingCapacity: true)
                        // Freed here, not on the writer's thread.
                        _ = queue.takeGivenBack()
                    }
                }
                if !lines.isEmpty, !queue.push(lines) { return }
                queue.finish()
            } catch {
                queue.finish(throwing: error)
            }
        }
    }

    /// The next line in input order; nil at the end. Rethrows a read error of the source.
    func next() throws -> DecodedLine? {
        if index == chunk.count {
            guard let next = try queue.pop() else { return nil }
            queue.giveBack(chunk)
            chunk = next
            index = 0
        }
        defer { index += 1 }
        return chunk[index]
    }

    /// Stops the decoding thread (if it is still running) and waits for it.
    func stop() {
        queue.cancel()
        thread?.join()
        thread = nil
    }

    deinit { stop() }
}

/// A value moved to another thread and no longer used by the one that made it, so it needs
/// no synchronisation although its type is not `Sendable`.
struct HandedOver<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
