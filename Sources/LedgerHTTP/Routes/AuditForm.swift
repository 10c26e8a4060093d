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

    /// The audit of an existing budget, from one read of the ledger.
    func render(_ budget: String, view: ViewFilter, viewDescription: String, from ledger: Ledger) throws -> [UInt8] {
        switch self {
        case .json, .csv:
            var output = AuditOutput(format: self == .json ? .json : .csv)
            var bytes = output.header
            try ledger.audit(budget, view: view) { bytes += output.add($0) }
            return bytes + output.finish()
        case .html:
            var entries: [AuditEntry] = []
            try ledger.audit(budget, view: view) { entries.append($0) }
            guard let state = entries.last?.stateAfter else { return [] }
            return AuditHTMLOutput.page(budget: state, entries: entries, viewDescription: viewDescription)
        }
    }
}
