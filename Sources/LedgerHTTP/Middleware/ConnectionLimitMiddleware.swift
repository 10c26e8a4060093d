import Hummingbird
import NIOConcurrencyHelpers

/// `--max-connections` (SPEC 8.3): beyond that many requests in flight, answer 503 with
/// `Retry-After` at once rather than queue without bound.
struct ConnectionLimitMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    private let inFlight = NIOLockedValueBox(0)
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let admitted = inFlight.withLockedValue { count -> Bool in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else {
            return APIError.unavailable("the server is at its connection limit; try again shortly", retryAfter: 1).response
        }
        // Counted until the answer is made; a streamed body (the event stream) is written after,
        // and its connection no longer counts.
        defer { inFlight.withLockedValue { $0 -= 1 } }
        return try await next(request, context)
    }
}
