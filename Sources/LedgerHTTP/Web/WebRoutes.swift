import Hummingbird

/// The web pages for people (issue 12), served beside the API by `budget-ledger serve`: the same
/// use cases, tokens and roles as `/v1`, rendered by `LedgerRendering/Web`.
struct WebRoutes {
    let front: WebFront

    init(service: LedgerService) {
        front = WebFront(service: service, sessions: WebSessions())
    }

    func add(to router: Router<LedgerRequestContext>) {
        SessionRoutes(front: front).add(to: router)
        BudgetPageRoutes(front: front).add(to: router)
        AuditPageRoutes(front: front).add(to: router)
        ReportPageRoutes(front: front).add(to: router)
        ReconcilePageRoutes(front: front).add(to: router)
    }
}
