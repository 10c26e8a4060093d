import Hummingbird
import Prometheus

/// `GET /openapi.yaml` (no token) and `GET /metrics` (any user): SPEC 8.2.
struct DocumentRoutes {
    let service: LedgerService
    let registry: PrometheusCollectorRegistry

    func add(to router: Router<LedgerRequestContext>) {
        router.get("/openapi.yaml") { _, _ in
            Answer.ok(Array(OpenAPIDocument.yaml.utf8), seq: nil, contentType: "application/yaml")
        }
        router.get("/metrics") { _, context in
            _ = try context.requireUser()
            let commits = service.committer.commits
            service.metrics.commits.record(Int64(commits.commits))
            service.metrics.lastSeq.record(Int64(try await service.blocking { [service] in try service.ledger.eventCount() }))
            var bytes: [UInt8] = []
            registry.emit(into: &bytes)
            return Answer.ok(bytes, seq: nil, contentType: "text/plain; version=0.0.4")
        }
    }
}
