import LedgerDomain
import LedgerStore

/// `post` output: SPEC 6.1 JSON Lines, or one line per rejection or duplicate and a summary.
///
/// ```swift
/// let report = try ledger.post(openSource: { try LineReader(path: "events.jsonl") })
/// let bytes = PostOutput.jsonLines(report)  // as `post --json` prints them
/// ```
public enum PostOutput {
    /// Re-posting a file is normal (it is idempotent): a few duplicate lines say so, thousands
    /// would bury the rejections.
    public static let duplicatesListedMax = 10

    /// One line's SPEC 6.1 object, without the line break. `includingMessage: false` drops the
    /// free-text message, for comparing codes with an expected file.
    public static func json(_ result: LineResult, includingMessage: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        appendJSON(result, includingMessage: includingMessage, to: &bytes)
        return bytes
    }

    /// `json(_:includingMessage:)` appended to `bytes`: `post --json` writes a line's object for
    /// every line of a file, into one buffer rather than an array each.
    public static func appendJSON(_ result: LineResult, includingMessage: Bool = true, to bytes: inout [UInt8]) {
        var writer = JSONWriter(appendingTo: bytes)
        bytes = []
        // Keys as finished bytes: `post --json` writes this for every line, on the writer's thread.
        writer.beginObject()
        writer.key(quoted: #""line":"#)
        writer.integer(result.line)
        writer.key(quoted: #""id":"#)
        if let id = result.id { writer.string(id) } else { writer.null() }
        writer.key(quoted: #""status":"#)
        writer.string(result.status.rawValue)
        if let seq = result.seq {
            writer.key(quoted: #""seq":"#)
            writer.integer(seq)
        }
        if let rejection = result.rejection {
            writer.key(quoted: #""code":"#)
            writer.string(rejection.code.rawValue)
            if includingMessage {
                writer.key(quoted: #""message":"#)
                writer.string(rejection.message)
            }
        }
        writer.endObject()
        bytes = writer.takeBytes()
    }

    /// An accepted line's object as `json` wrote it before its `seq` was known, with `seq`
    /// added: SPEC 6.1 puts it last in an accepted line's object (which has no code or message).
    /// A caller that must hold results until a batch is written (`post --json` spools them)
    /// numbers them this way once it is.
    public static func json(unnumbered object: some BidirectionalCollection<UInt8>, seq: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        appendJSON(unnumbered: ArraySlice(object), seq: seq, to: &bytes)
        return bytes
    }

    /// `json(unnumbered:seq:)` appended to `bytes`. A slice, not any collection: `post --json`
    /// renders every line through here, and a generic body would run unspecialized.
    public static func appendJSON(unnumbered object: ArraySlice<UInt8>, seq: UInt64, to bytes: inout [UInt8]) {
        precondition(object.last == UInt8(ascii: "}"), "a line's object")
        // Reopened as the object it was, with members: `seq` follows them after a comma.
        bytes.append(contentsOf: object.dropLast())
        var member = JSONWriter(appendingTo: bytes, insideObjectWithMembers: true)
        bytes = []
        member.field("seq", seq)
        member.endObject()
        bytes = member.takeBytes()
    }

    /// The SPEC 6.1 summary object, without the line break.
    public static func summaryJSON(_ report: PostReport) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("accepted", report.accepted)
        writer.field("duplicates", report.duplicates)
        writer.field("rejected", report.rejected)
        writer.field("written", report.written)
        writer.endObject()
        return writer.bytes
    }

    /// `post --json`: every line's object, then the summary, each followed by `\n`.
    public static func jsonLines(_ report: PostReport) -> [UInt8] {
        var bytes: [UInt8] = []
        for result in report.results {
            appendJSON(result, to: &bytes)
            bytes.append(0x0A)
        }
        bytes += summaryJSON(report)
        bytes.append(0x0A)
        return bytes
    }

    /// `post` for a terminal: each rejection in `report.results` (a caller may keep only the
    /// first ones: the rest are counted), the first duplicates, the counts, and whether anything
    /// was written.
    /// - Parameter partial: whether `--partial` asked for the accepted events to be written.
    public static func text(_ report: PostReport, partial: Bool) -> [UInt8] {
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
        return output.bytes
    }
}
