import LedgerDomain
import LedgerStore

// The JSON forms that the command line and the service both print, byte for byte (SPEC 8:
// every body is what the named command prints with --json). Kept here, where both front ends
// reach them, until the rendering module takes them over.

extension AuditEntry {
    /// One `audit --json` object (SPEC 6.3): the event as posted, its envelope and hash, and
    /// the budget's totals right after it.
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        EventEncoder.writeFields(of: stored.event, into: &writer)
        EventEncoder.writeEnvelope(stored.envelope, into: &writer)
        writer.field("hash", stored.hexHash)
        writer.key("after")
        BalanceReport.writeTotals(BalanceReport.totals(of: stateAfter), into: &writer)
        writer.endObject()
        return writer.bytes
    }
}

extension VerifyReport {
    /// The `verify --json` object.
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("ok")
        writer.bool(isIntact)
        writer.field("events", eventsChecked)
        writer.field("budgets", budgetsChecked)
        writer.key("first_bad_event")
        if let firstBadEvent { writer.string(firstBadEvent) } else { writer.null() }
        writer.key("projection_mismatches")
        writer.beginArray()
        for mismatch in projectionMismatches { writer.string(mismatch) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }
}

extension BalancesDigest {
    /// The `digest --json` object.
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("as_of_seq", asOfSeq)
        writer.field("balances_sha256", balancesSHA256)
        writer.field("chain_hash", chainHash)
        writer.endObject()
        return writer.bytes
    }
}
