import LedgerDomain
import LedgerStore

/// What an auditor runs: `verify`, `replay` and `digest`, as JSON or text for a terminal.
///
/// ```swift
/// let report = try ledger.verify()
/// let bytes = IntegrityOutput.json(report)  // `verify --json`; `"ok":false` on a mismatch
/// ```
public enum IntegrityOutput {
    /// `verify --json`: `{"ok","events","budgets","first_bad_event","projection_mismatches"}` and `\n`.
    public static func json(_ report: VerifyReport) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("ok")
        writer.bool(report.isIntact)
        writer.field("events", report.eventsChecked)
        writer.field("budgets", report.budgetsChecked)
        writer.key("first_bad_event")
        if let bad = report.firstBadEvent { writer.string(bad) } else { writer.null() }
        writer.key("projection_mismatches")
        writer.beginArray()
        for mismatch in report.projectionMismatches { writer.string(mismatch) }
        writer.endArray()
        writer.endObject()
        return writer.bytes + [0x0A]
    }

    /// `verify` for a terminal: the chain, then the projections (checked only on a whole chain).
    public static func text(_ report: VerifyReport) -> [UInt8] {
        var output = TerminalLines()
        if let bad = report.firstBadEvent {
            output.line("hash chain: MISMATCH at \(bad)")
        } else {
            output.line("hash chain: ok (\(report.eventsChecked) events)")
            if report.projectionMismatches.isEmpty {
                output.line("projections: ok (\(report.budgetsChecked) budgets match a replay)")
            } else {
                for mismatch in report.projectionMismatches { output.line("projections: MISMATCH \(mismatch)") }
            }
        }
        return output.bytes
    }

    /// `replay --json`: `{"events":N,"budgets":B}` and `\n`.
    public static func replayJSON(events: UInt64, budgets: Int) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("events", events)
        writer.field("budgets", budgets)
        writer.endObject()
        return writer.bytes + [0x0A]
    }

    /// `replay` for a terminal.
    public static func replayText(events: UInt64, budgets: Int) -> [UInt8] {
        Array("replayed \(events) events into \(budgets) budget projections\n".utf8)
    }

    /// `digest --json`: `{"as_of_seq","balances_sha256","chain_hash"}` and `\n`.
    public static func json(_ digest: BalancesDigest) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("as_of_seq", digest.asOfSeq)
        writer.field("balances_sha256", digest.balancesSHA256)
        writer.field("chain_hash", digest.chainHash)
        writer.endObject()
        return writer.bytes + [0x0A]
    }

    /// `digest` for a terminal: one `name value` line each.
    public static func text(_ digest: BalancesDigest) -> [UInt8] {
        Array("as_of_seq \(digest.asOfSeq)\nbalances_sha256 \(digest.balancesSHA256)\nchain_hash \(digest.chainHash)\n".utf8)
    }
}
