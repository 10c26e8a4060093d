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
            // Every budget's held-elsewhere pots walked through their events.
            let (report, seq) = try await service.read(wholeLedger: true) { snapshot in
                try snapshot.commissionerReport(from: from, to: to, view: view, surplusWeeks: weeks)
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
            let weeks = try query.surplusWeeks() ?? Surplus.weeksDefault
            let contentType = request.headers[.contentType]
            let bytesMax = try APIError.mappingUploadErrors { () throws(StatementUploadError) in try StatementUpload.bodyBytesMax(contentType: contentType) }
            let body = try await LimitedBody.collect(request, maximumBytes: min(service.configuration.maximumBodyBytes, bytesMax),
                                                     deadline: deadline)
            let upload = try APIError.mappingUploadErrors { () throws(StatementUploadError) in try StatementUpload(contentType: contentType, body: body) }
            // The route's parameters are in the query string (SPEC 8.2); a form field is not read.
            guard upload.fields.isEmpty else {
                let names = upload.fields.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
                throw APIError.badRequest("the form has parts this route does not take (\(names)): only \"statement\" and \"format\"; "
                                          + "pot, period_end and the rest are query parameters")
            }
            let formatName = query.text("format")
            let format = try APIError.mappingUploadErrors { () throws(StatementUploadError) in try upload.format(named: formatName) }
            let statement: Statement
            do {
                statement = try Statement.parse(upload.statement, format: format)
            } catch {
                throw APIError.badRequest("the statement: \(error)")
            }
            let reconcileRequest = ReconciliationRequest(budget: budget, pot: pot, statement: statement, periodEnd: end, periodStart: start,
                                                         surplusWeeks: weeks)
            guard posting else {
                let (reconciliation, seq) = try await service.read { snapshot in try snapshot.reconcile(reconcileRequest) }
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
