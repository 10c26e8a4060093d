import Hummingbird

/// Reading a request body within the limits of SPEC 8.3: at most `--max-body` bytes (413
/// `too_large`), and before the request's deadline (408 `timeout`). Nothing has been written
/// while the body is read, so either failure leaves nothing behind.
enum LimitedBody {
    static func collect(_ request: Request, maximumBytes: Int, deadline: ContinuousClock.Instant) async throws -> [UInt8] {
        try await withThrowingTaskGroup(of: [UInt8].self) { group in
            group.addTask {
                var bytes: [UInt8] = []
                for try await buffer in request.body {
                    guard bytes.count + buffer.readableBytes <= maximumBytes else {
                        throw APIError.tooLarge("the body is larger than \(maximumBytes) bytes (--max-body)")
                    }
                    bytes.append(contentsOf: buffer.readableBytesView)
                }
                return bytes
            }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                throw APIError.timeout
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// The media type without parameters, lower-cased: `application/json; charset=utf-8` → `application/json`.
    static func mediaType(of request: Request) -> String? { MediaType(request.headers[.contentType]).name }
}
