import Metrics

/// The ledger's own figures on `/metrics` (SPEC 8.2), beside the requests counted per route.
struct LedgerMetrics: Sendable {
    let eventsAppended = Counter(label: "ledger_events_appended_total")
    /// Commits made by this server's group committer (each one durable, shared by its requests).
    let commits = Gauge(label: "ledger_commits")
    let lastSeq = Gauge(label: "ledger_last_seq")

    func requests(route: String, method: String, status: Int) -> Counter {
        Counter(label: "ledger_http_requests_total", dimensions: [("route", route), ("method", method), ("status", "\(status)")])
    }

    func latency(route: String, method: String) -> Metrics.Timer {
        Metrics.Timer(label: "ledger_http_request_duration_seconds", dimensions: [("route", route), ("method", method)],
                      preferredDisplayUnit: .seconds)
    }
}
