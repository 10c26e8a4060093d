import Hummingbird
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
                var atEnd = view, beforeStart = view
                atEnd.asOfDate = to
                beforeStart.asOfDate = from.adding(days: -1)
                return CommissionerReport(atEnd: try ledger.budgetStates(view: atEnd), beforeStart: try ledger.budgetStates(view: beforeStart),
                                          from: from, to: to, surplusWeeks: weeks)
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
            if query.text("format") != nil { throw APIError.badRequest("this server reads standard statements only (no format)") }
            let weeks = try query.surplusWeeks() ?? Surplus.weeksDefault
            guard LimitedBody.mediaType(of: request) == "text/csv" else {
                throw APIError.unsupportedMediaType("send the statement as text/csv")
            }
            let body = try await LimitedBody.collect(request, maximumBytes: min(service.configuration.maximumBodyBytes, ReportRoutes.statementBytesMax),
                                                     deadline: deadline)
            let statement: Statement
            do {
                statement = try Statement.parse(body)
            } catch {
                throw APIError.badRequest("the statement: \(error)")
            }
            let (outcome, seq) = try await service.snapshot { ledger -> Result<Reconciliation, APIError> in
                guard let (state, history) = try ledger.potHistory(budget: budget, pot: pot) else { return .failure(.unknownBudget(budget)) }
                guard state.index(of: pot) != nil else { return .failure(.badRequest("budget \"\(budget)\" has no \(pot.rawValue) pot")) }
                guard let period = StatementPeriod.resolve(end: end, start: start, history: history, opening: state.opening) else {
                    return .failure(.badRequest("period_end \(end) is before the budget starts (\(state.opening.periodStart)); give period_start"))
                }
                return .success(Reconciliation(state: state, history: history, statement: statement, period: period, surplusWeeks: weeks))
            }
            let reconciliation = try outcome.get()
            guard posting else { return Answer.json(ReconciliationOutput.json(reconciliation), seq: seq) }
            guard ContinuousClock.now < deadline else { throw APIError.timeout }
            var writer = JSONWriter()
            writer.beginObject()
            let id = Reconciliation.defaultEventID(budget: budget, pot: pot, periodEnd: reconciliation.period.end)
            EventEncoder.writeFields(of: reconciliation.event(id: id), into: &writer)
            writer.endObject()
            let report: PostReport
            do {
                report = try await service.committer.post(batch: [InputLine(number: 1, bytes: writer.bytes)], mode: .allOrNothing,
                                                          postedBy: user.name)
            } catch let error as StoreError {
                throw APIError(storeError: error)
            }
            guard report.rejected == 0 else {
                return Answer.lines(PostOutput.jsonLines(report), seq: nil, status: .unprocessableContent)
            }
            service.metrics.eventsAppended.increment(by: Int64(report.written))
            return Answer.json(ReconciliationOutput.json(reconciliation), seq: report.results.first?.seq ?? seq)
        }
    }
}
