import Hummingbird
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

/// `/budgets` and `/budgets/{budget}`: each page one call of a use case, from one state of the ledger.
struct BudgetPageRoutes {
    let front: WebFront

    func add(to router: Router<LedgerRequestContext>) {
        let service = front.service
        router.get("/budgets", use: front.signedInPage { request, _, signedIn in
            let user = signedIn.user
            let query = BudgetsListQuery { request.uri.queryParameters[$0[...]].map(String.init) }
            let today = service.clock().parts.date
            let (overview, seq) = try await service.read { snapshot in try snapshot.budgetOverview(on: today) }
            let visible = overview.visible(to: user)
            return WebFront.page(BudgetsPage.page(overview: visible, query: query, chrome: signedIn.chrome), seq: seq)
        })
        router.get("/budgets/{budget}", use: front.signedInPage { request, context, signedIn in
            let budget = try WebFront.visibleBudget(context, to: signedIn.user)
            let (view, webView) = try WebFront.view(of: request)
            let ((state, trail), seq) = try await service.read { snapshot in
                (try snapshot.balance(of: budget, view: view), try snapshot.auditTrail(of: budget, view: view))
            }
            return WebFront.page(BudgetPage.page(state: state, trail: trail, view: webView, chrome: signedIn.chrome), seq: seq)
        })
    }
}

extension BudgetOverview {
    /// Only the budgets a user may see (a viewer's own; everyone else sees them all).
    func visible(to user: User) -> BudgetOverview { filtered { user.maySee(budget: $0) } }
}

extension WebFront {
    /// The views of SPEC 3 from the page's query (empty fields ignored), and as the form shows them.
    static func view(of request: Request) throws -> (ViewFilter, WebView) {
        let query = Query(request: request, emptyIsAbsent: true)
        let view = try query.view()
        return (view, WebView(asOfDate: query.text("as_of_date"), knownAt: query.text("known_at"), asOfSeq: query.text("as_of_seq"),
                              description: query.viewDescription))
    }
}
