import LedgerDomain
import LedgerStore

/// `post` output: SPEC 6.1 with `--json`, else one line per rejection or duplicate and a summary.
enum PostRenderer {
    static func render(_ report: PostReport, json: Bool, partial: Bool) {
        let output = Output.standard
        if json {
            for result in report.results {
                var writer = JSONWriter()
                writer.beginObject()
                writer.field("line", result.line)
                writer.key("id")
                if let id = result.id { writer.string(id) } else { writer.null() }
                writer.field("status", result.status.rawValue)
                if let seq = result.seq { writer.field("seq", seq) }
                if let rejection = result.rejection {
                    writer.field("code", rejection.code.rawValue)
                    writer.field("message", rejection.message)
                }
                writer.endObject()
                output.line(bytes: writer.bytes)
            }
            var summary = JSONWriter()
            summary.beginObject()
            summary.field("accepted", report.accepted)
            summary.field("duplicates", report.duplicates)
            summary.field("rejected", report.rejected)
            summary.field("written", report.written)
            summary.endObject()
            output.line(bytes: summary.bytes)
        } else {
            for result in report.results where result.status != .accepted {
                let id = result.id.map { " \($0)" } ?? ""
                if let rejection = result.rejection {
                    output.line("line \(result.line)\(id): rejected \(rejection.code.rawValue): \(rejection.message)")
                } else {
                    output.line("line \(result.line)\(id): duplicate of an event already recorded; nothing changed")
                }
            }
            output.line("accepted \(report.accepted), duplicates \(report.duplicates), rejected \(report.rejected), written \(report.written)")
            if report.rejected > 0 && !partial {
                output.line("nothing was written: fix the rejected events and post the file again, or use --partial")
            }
        }
        output.flush()
    }
}
