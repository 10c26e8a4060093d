import Hummingbird
import LedgerDomain
import LedgerRendering
import LedgerStore

/// `POST /v1/events` (SPEC 8.2): one request is one batch, all-or-nothing unless
/// `partial=true`, posted through the group committer so that requests arriving together share
/// durable commits; the answer is sent only once its events are durable.
struct PostRoutes {
    let service: LedgerService

    func add(to router: Router<LedgerRequestContext>) {
        router.post("/v1/events") { request, context in
            let deadline = ContinuousClock.now + .seconds(service.configuration.requestTimeoutSeconds)
            let user = try context.require([.finance])
            let partial = try Query(request: request).flag("partial")
            let mediaType = LimitedBody.mediaType(of: request)
            let body = try await LimitedBody.collect(request, maximumBytes: service.configuration.maximumBodyBytes, deadline: deadline)
            let lines = try EventBatch.lines(of: body, mediaType: mediaType)
            // The last moment a request may still give up: past it, it is committed whole.
            guard ContinuousClock.now < deadline else { throw APIError.timeout }
            let report: PostReport
            do {
                report = try await service.committer.post(batch: lines, mode: partial ? .partial : .allOrNothing, postedBy: user.name)
            } catch let error as StoreError {
                throw APIError(storeError: error)
            }
            service.metrics.eventsAppended.increment(by: Int64(report.written))
            let bytes = PostOutput.jsonLines(report)
            let refused = report.rejected > 0 && !partial
            return Answer.lines(bytes, seq: nil, status: refused ? .unprocessableContent : .ok)
        }
    }
}
