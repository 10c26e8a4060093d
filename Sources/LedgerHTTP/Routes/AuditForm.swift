import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore

/// The forms of `GET /v1/budgets/{budget}/audit` (SPEC 8.2), chosen by `Accept`: JSON Lines as
/// `audit --json`, `text/csv` as `--csv`, `text/html` as the `--html` page.
enum AuditForm {
    case json, csv, html

    var contentType: String {
        switch self {
        case .json: return "application/x-ndjson"
        case .csv: return "text/csv; charset=utf-8"
        case .html: return "text/html; charset=utf-8"
        }
    }

    /// The audit trail in this form, as the command prints it.
    func render(_ trail: AuditTrail, viewDescription: String) -> [UInt8] {
        switch self {
        case .json, .csv:
            var output = AuditOutput(format: self == .json ? .json : .csv)
            var bytes = output.header
            for entry in trail.entries { bytes += output.add(entry) }
            return bytes + output.finish()
        case .html:
            guard let state = trail.finalState else { return [] }
            return AuditHTMLOutput.page(budget: state, entries: trail.entries, viewDescription: viewDescription)
        }
    }
}
