import Hummingbird
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

/// `/report` and `/report.csv` (finance and auditors): the commissioner's report for a period,
/// the same use case and the same CSV as `report`.
struct ReportPageRoutes {
    let front: WebFront

    func add(to router: Router<LedgerRequestContext>) {
        let service = front.service
        router.get("/report", use: front.signedInPage { request, _, signedIn in
            try ReportPageRoutes.requireReader(signedIn)
            let query = Query(request: request, emptyIsAbsent: true)
            let (from, to) = ReportPageRoutes.defaults(today: service.clock().parts.date)
            let fromText = query.text("from") ?? from.description, toText = query.text("to") ?? to.description
            guard let start = CalendarDate(iso: fromText), let end = CalendarDate(iso: toText), start <= end else {
                let page = ReportPage.page(report: nil, from: fromText, to: toText,
                                           error: "Enter two dates, for example 2025-04-01 and 2026-03-31, the first on or before the second.",
                                           chrome: signedIn.chrome)
                return WebFront.page(page, status: .badRequest)
            }
            let (report, seq) = try await service.read(wholeLedger: true) { snapshot in try snapshot.commissionerReport(from: start, to: end) }
            return WebFront.page(ReportPage.page(report: report, from: fromText, to: toText, error: nil, chrome: signedIn.chrome), seq: seq)
        })
        router.get("/report.csv", use: front.signedInPage { request, _, signedIn in
            try ReportPageRoutes.requireReader(signedIn)
            let query = Query(request: request, emptyIsAbsent: true)
            guard let start = try query.date("from"), let end = try query.date("to"), start <= end else {
                throw WebFailure.badRequest("The report needs two dates, the first on or before the second.", back: "/report")
            }
            let (report, seq) = try await service.read(wholeLedger: true) { snapshot in try snapshot.commissionerReport(from: start, to: end) }
            return WebFront.file(CommissionerReportOutput.csv(report), contentType: "text/csv; charset=utf-8", seq: seq,
                                 downloadName: "report-\(start)-to-\(end).csv")
        })
    }

    /// Viewers read only their budgets (SPEC 8.1).
    static func requireReader(_ signedIn: WebFront.SignedIn) throws {
        guard signedIn.user.role != .viewer else { throw WebFailure.forbidden("Only finance and audit users can read the commissioner's report.") }
    }

    /// The NHS financial year so far: 1 April (of this year, or last year before April) to today.
    static func defaults(today: CalendarDate) -> (CalendarDate, CalendarDate) {
        let (year, month, _) = today.components
        let startYear = month >= 4 ? year : year - 1
        return (CalendarDate(year: startYear, month: 4, day: 1) ?? today, today)
    }
}
