import Hummingbird
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

/// `GET /v1/report` and `POST /v1/budgets/{budget}/reconciliations` (SPEC 8.2): the
/// commissioner's report and a statement matched to a pot, as `report --json` and
/// `reconcile --json` print them.
struct ReportRoutes {
    let service: LedgerService

    /// The largest statement taken, as `reconcile` reads it.
    static let statementBytesMax = CSVReader.bytesMax

    func add(to router: Router<LedgerRequestContext>) {
        router.get("/v1/report") { request, context in
            _ = try context.require([.finance, .auditor])
            let query = Query(request: request)
            guard let from = try query.date("from"), let to = try query.date("to") else {
                throw APIError.badRequest("from and to are required: dates YYYY-MM-DD")
            }
            guard from <= to else { throw APIError.badRequest("from \(from) is after to \(to)") }
            let view = try query.view()
            guard view.asOfDate == nil else { throw APIError.badRequest("report takes its dates from from and to, not as_of_date") }
            let weeks = try query.surplusWeeks() ?? Surplus.weeksDefault
            let (report, seq) = try await service.snapshot { ledger in
                try APIError.mappingApplicationErrors {
                    try ledger.commissionerReport(from: from, to: to, view: view, surplusWeeks: weeks)
                }
            }
            return Answer.json(CommissionerReportOutput.json(report), seq: seq)
        }
        router.post("/v1/budgets/{budget}/reconciliations") { request, context in
            let deadline = ContinuousClock.now + .seconds(service.configuration.requestTimeoutSeconds)
            let query = Query(request: request)
            let posting = try query.flag("post")
            let user = try context.require(posting ? [.finance] : [.finance, .auditor])
            let budget = try context.requireBudget(visibleTo: user)
            guard let potName = query.text("pot"), let pot = Pot(rawValue: potName), pot.isHeldElsewhere else {
                throw APIError.badRequest("pot must be third_party or direct_payment")
            }
            guard let end = try query.date("period_end") else { throw APIError.badRequest("period_end is required: a date YYYY-MM-DD") }
            let start = try query.date("period_start")
            if let start, start > end { throw APIError.badRequest("period_start \(start) is after period_end \(end)") }
            let format: StatementFormat
            switch query.text("format") {
            case nil, "auto": format = .auto
            case "standard": format = .standard
            case let other?: throw APIError.badRequest("format \"\(other)\" is not auto or standard (mapping files are not taken over HTTP yet)")
            }
            let weeks = try query.surplusWeeks() ?? Surplus.weeksDefault
            guard LimitedBody.mediaType(of: request) == "text/csv" else {
                throw APIError.unsupportedMediaType("send the statement as text/csv")
            }
            let body = try await LimitedBody.collect(request, maximumBytes: min(service.configuration.maximumBodyBytes, ReportRoutes.statementBytesMax),
                                                     deadline: deadline)
            let statement: Statement
            do {
                statement = try Statement.parse(body, format: format)
            } catch {
                throw APIError.badRequest("the statement: \(error)")
            }
            let reconcileRequest = ReconciliationRequest(budget: budget, pot: pot, statement: statement, periodEnd: end, periodStart: start,
                                                         surplusWeeks: weeks)
            guard posting else {
                let (reconciliation, seq) = try await service.snapshot { ledger in
                    try APIError.mappingApplicationErrors { try ledger.reconcile(reconcileRequest) }
                }
                return Answer.json(ReconciliationOutput.json(reconciliation), seq: seq)
            }
            guard ContinuousClock.now < deadline else { throw APIError.timeout }
            // Computed and recorded in one write transaction, as `reconcile --post` does; the
            // actor is the login (SPEC 8.1).
            let ledger = service.ledger, clock = service.clock, actor = user.name
            let posted = try await service.blocking {
                try APIError.mappingApplicationErrors { try ledger.reconcileAndPost(reconcileRequest, actor: actor, clock: clock) }
            }
            guard posted.result.status != .rejected else {
                var report = PostReport()
                report.results = [posted.result]
                report.rejected = 1
                return Answer.lines(PostOutput.jsonLines(report), seq: nil, status: .unprocessableContent)
            }
            let reconciliation = posted.reconciliation
            service.metrics.eventsAppended.increment(by: posted.result.status == .accepted ? 1 : 0)
            return Answer.json(ReconciliationOutput.json(reconciliation), seq: posted.result.seq)
        }
    }
}
