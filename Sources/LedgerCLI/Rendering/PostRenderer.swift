import LedgerDomain
import LedgerStore

/// `post` output: SPEC 6.1 with `--json`, else one line per rejection or duplicate and a summary.
enum PostRenderer {
    /// Re-posting a file is normal (it is idempotent): a few duplicate lines say so, thousands would bury the rejections.
    static let duplicatesListedMax = 10

    static func render(_ report: PostReport, json: Bool, partial: Bool) {
        let output = Output.standard
        if json {
            for result in report.results { output.line(bytes: result.json()) }
            output.line(bytes: report.summaryJSON)
        } else {
            var output = TerminalLines()
            var duplicatesShown = 0
            for result in report.results where result.status != .accepted {
                let id = result.id.map { " \($0)" } ?? ""
                if let rejection = result.rejection {
                    output.line("line \(result.line)\(id): rejected \(rejection.code.rawValue): \(rejection.message)")
                } else if duplicatesShown < duplicatesListedMax {
                    duplicatesShown += 1
                    output.line("line \(result.line)\(id): duplicate of an event already recorded; nothing changed")
                }
            }
            let rejectionsShown = report.results.count { $0.status == .rejected }
            if report.rejected > rejectionsShown {
                output.line("… and \(report.rejected - rejectionsShown) more rejections (--json lists every line)")
            }
            if report.duplicates > duplicatesShown {
                output.line("… and \(report.duplicates - duplicatesShown) more duplicates (--json lists every line)")
            }
            output.line("accepted \(report.accepted), duplicates \(report.duplicates), rejected \(report.rejected), written \(report.written)")
            if report.rejected > 0 && !partial {
                output.line("nothing was written: fix the rejected events and post the file again, or use --partial")
            }
            Output.standard.bytes(output.bytes)
        }
        output.flush()
    }
}
