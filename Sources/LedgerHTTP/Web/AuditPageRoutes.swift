import Hummingbird
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

/// `/budgets/{budget}/audit` (a page at a time) and its downloads, `audit.csv` and `audit.html`:
/// the same bytes as `audit --csv` and `audit --html`.
struct AuditPageRoutes {
    let front: WebFront

    func add(to router: Router<LedgerRequestContext>) {
        let service = front.service
        router.get("/budgets/{budget}/audit", use: front.signedInPage { request, context, signedIn in
            let budget = try WebFront.visibleBudget(context, to: signedIn.user)
            let (view, webView) = try WebFront.view(of: request)
            let query = Query(request: request, emptyIsAbsent: true)
            let page = try query.unsigned("page").map { Int(clamping: $0) } ?? 1
            let perPage = try query.unsigned("per_page").map { Int(clamping: $0) } ?? AuditPage.rowsPerPageDefault
            guard (1...AuditPage.rowsPerPageMax).contains(perPage) else {
                throw WebFailure.badRequest("Rows per page must be from 1 to \(AuditPage.rowsPerPageMax).", back: "/budgets/\(budget)/audit")
            }
            let ((trail, state), seq) = try await service.read { snapshot in
                (try snapshot.auditTrail(of: budget, view: view), try snapshot.balance(of: budget))
            }
            return WebFront.page(AuditPage.page(trail: trail, state: state, view: webView, page: page, rowsPerPage: perPage,
                                                chrome: signedIn.chrome), seq: seq)
        })
        for form in [AuditForm.csv, .html] {
            let suffix = form == .csv ? "csv" : "html"
            router.get("/budgets/{budget}/audit.\(suffix)", use: front.signedInPage { request, context, signedIn in
                let budget = try WebFront.visibleBudget(context, to: signedIn.user)
                let (view, webView) = try WebFront.view(of: request)
                let (trail, seq) = try await service.read { snapshot in try snapshot.auditTrail(of: budget, view: view) }
                let bytes = form.render(trail, viewDescription: webView.description)
                return WebFront.file(bytes, contentType: form.contentType, seq: seq, downloadName: "audit-\(WebFormName.safe(budget)).\(suffix)")
            })
        }
    }
}

/// A budget id as part of a download's file name: letters, digits, `-`, `_` and `.` kept, the rest `_`.
enum WebFormName {
    static func safe(_ text: String) -> String {
        String(text.unicodeScalars.prefix(64).map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        })
    }
}
