import Hummingbird
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

/// `/budgets/{budget}/reconcile` (finance; auditors read only): the upload form, the statement
/// matched to the pot (a `multipart/form-data` form read by ``StatementUpload``, the decoder of
/// `POST /v1/budgets/{budget}/reconciliations`), and the button that records it.
struct ReconcilePageRoutes {
    let front: WebFront

    func add(to router: Router<LedgerRequestContext>) {
        let service = front.service
        router.get("/budgets/{budget}/reconcile", use: front.signedInPage { _, context, signedIn in
            let budget = try ReconcilePageRoutes.reconcilableBudget(context, signedIn)
            let (state, seq) = try await service.read { snapshot in try snapshot.balance(of: budget) }
            return WebFront.page(ReconcilePage.form(state: state, chrome: signedIn.chrome), seq: seq)
        })
        router.post("/budgets/{budget}/reconcile", use: front.signedInPage { request, context, signedIn in
            let budget = try ReconcilePageRoutes.reconcilableBudget(context, signedIn)
            let deadline = ContinuousClock.now + .seconds(service.configuration.requestTimeoutSeconds)
            let contentType = request.headers[.contentType]
            let bytesMax = try APIError.mappingUploadErrors { () throws(StatementUploadError) in try StatementUpload.bodyBytesMax(contentType: contentType) }
            let body = try await LimitedBody.collect(request, maximumBytes: min(service.configuration.maximumBodyBytes, bytesMax), deadline: deadline)
            let upload = try APIError.mappingUploadErrors { () throws(StatementUploadError) in try StatementUpload(contentType: contentType, body: body) }
            try front.checkCSRF(upload.fields["csrf"], of: signedIn.session)
            let (state, _) = try await service.read { snapshot in try snapshot.balance(of: budget) }
            let values = ReconcilePage.FormValues(pot: upload.fields["pot"], periodEnd: upload.fields["period_end"],
                                                  periodStart: upload.fields["period_start"])
            func refuse(_ reason: String) -> Response {
                WebFront.page(ReconcilePage.form(state: state, values: values, error: reason, chrome: signedIn.chrome), status: .badRequest)
            }
            guard let pot = values.pot.flatMap(Pot.init(rawValue:)), pot.isHeldElsewhere, state.balances(of: pot) != nil else {
                return refuse("Choose the pot the statement is for.")
            }
            guard let end = values.periodEnd.flatMap(CalendarDate.init(iso:)) else {
                return refuse("Enter the date the statement period ends on, for example 2026-03-31.")
            }
            var start: CalendarDate?
            if let text = values.periodStart, !text.isEmpty {
                guard let date = CalendarDate(iso: text) else { return refuse("Enter the date the statement period starts on, or leave it empty.") }
                start = date
            }
            guard !upload.statement.isEmpty else { return refuse("Choose the statement file to upload.") }
            let statement: Statement
            do {
                statement = try Statement.parse(upload.statement, format: try upload.format(named: nil))
            } catch {
                return refuse("The statement could not be read: \(error).")
            }
            let reconcileRequest = ReconciliationRequest(budget: budget, pot: pot, statement: statement, periodEnd: end, periodStart: start)
            let reconciliation: Reconciliation
            do {
                (reconciliation, _) = try await service.read { snapshot in try snapshot.reconcile(reconcileRequest) }
            } catch let error as APIError where error.status == .badRequest {
                return refuse(error.message.prefix(1).uppercased() + error.message.dropFirst() + ".")
            }
            var pendingID: String?
            if signedIn.user.role == .finance {
                let pending = PendingReconciliation(id: SessionSecret.generate(), request: reconcileRequest)
                front.sessions.keep(pending, for: signedIn.session.id)
                pendingID = pending.id
            }
            return WebFront.page(ReconcilePage.result(state: state, reconciliation: reconciliation, statementName: "The statement",
                                                      pendingID: pendingID, chrome: signedIn.chrome))
        })
        router.post("/budgets/{budget}/reconcile/post", use: front.signedInPage { request, context, signedIn in
            let budget = try WebFront.visibleBudget(context, to: signedIn.user)
            guard signedIn.user.role == .finance else {
                throw WebFailure.forbidden("Only finance users can record a reconciliation.")
            }
            let fields = try await front.formFields(request)
            try front.checkCSRF(fields["csrf"], of: signedIn.session)
            guard let pending = front.sessions.pending(fields["pending"] ?? "", for: signedIn.session.id), pending.request.budget == budget else {
                throw WebFailure.badRequest("This statement is no longer waiting to be recorded. Upload it again.", back: "/budgets/\(budget)/reconcile")
            }
            // Computed again and recorded in one write transaction, as `reconcile --post` does;
            // the actor is the login (SPEC 8.1).
            let ledger = service.ledger, clock = service.clock, actor = signedIn.user.name
            let posted = try await service.blocking {
                try APIError.mappingApplicationErrors { try ledger.reconcileAndPost(pending.request, actor: actor, clock: clock) }
            }
            service.metrics.eventsAppended.increment(by: posted.result.status == .accepted ? 1 : 0)
            let (state, seq) = try await service.read { snapshot in try snapshot.balance(of: budget) }
            return WebFront.page(ReconcilePage.posted(state: state, posted: posted, chrome: signedIn.chrome),
                                 status: posted.result.status == .rejected ? .unprocessableContent : .ok, seq: seq)
        })
    }

    /// The budget, for finance and auditors (viewers may not reconcile: 403 on their own budget,
    /// the 404 page on any other).
    static func reconcilableBudget(_ context: LedgerRequestContext, _ signedIn: WebFront.SignedIn) throws -> String {
        let budget = try WebFront.visibleBudget(context, to: signedIn.user)
        guard signedIn.user.role != .viewer else { throw WebFailure.forbidden("Only finance and audit users can reconcile statements.") }
        return budget
    }
}
