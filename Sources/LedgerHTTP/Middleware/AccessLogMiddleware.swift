import Dispatch
import Hummingbird
import LedgerDomain
import LedgerStore
import Logging

/// One JSON line per request (SPEC 8.3): time, user, method, path, status, duration, the seq
/// after it. Never the token, the query string or the body. Also counts the request and its
/// latency for `/metrics`, labelled by route template, never by id.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let service: LedgerService
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        let status = response.status.code
        do {
            let nanoseconds = DispatchTime.now().uptimeNanoseconds - start
            let route = context.endpointPath ?? "unmatched"
            service.metrics.requests(route: route, method: request.method.rawValue, status: status).increment()
            service.metrics.latency(route: route, method: request.method.rawValue).recordNanoseconds(Int64(nanoseconds))
            let seq = (try? service.ledger.eventCount()) ?? 0
            service.metrics.lastSeq.record(Int64(seq))
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("time", Timestamp.now())
            writer.key("user")
            if let user = context.signedIn.withLockedValue({ $0 }) { writer.string(user) } else { writer.null() }
            writer.field("method", request.method.rawValue)
            writer.field("path", request.uri.path)
            writer.field("status", status)
            writer.field("duration_ms", Int(nanoseconds / 1_000_000))
            writer.field("seq", seq)
            writer.endObject()
            logger.info("\(writer.text)")
        }
        return response
    }
}
