/// Reads and decodes the lines of a source on a second thread, a chunk at a time, while the
/// caller posts the lines already decoded. Decoding a line and writing its canonical fields
/// depend on the line alone (`DecodedLine`) and are about a third of the work of posting; the
/// checks and the appends must stay on the write transaction's thread. On a 2-core machine this
/// keeps both cores busy during a large `post`.
final class DecodingPipeline {
    static let chunkSize = 512
    private let queue = ChunkQueue<DecodedLine>(capacity: 8)
    private var thread: BackgroundThread?
    private var chunk: [DecodedLine] = []
    private var index = 0

    /// Starts decoding `source` (from its current line) on a new thread. The source is handed
    /// over: only that thread uses it from here on.
    init(source: any LineSource) throws {
        let handedOver = HandedOver(source)
        let queue = self.queue
        thread = try BackgroundThread {
            var source = handedOver.value
            var lines: [DecodedLine] = []
            lines.reserveCapacity(DecodingPipeline.chunkSize)
            do {
                while let line = try source.nextLine() {
                    lines.append(DecodedLine(line))
                    if lines.count == DecodingPipeline.chunkSize {
                        guard queue.push(lines) else { return }
                        lines.removeAll(keepingCapacity: true)
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
