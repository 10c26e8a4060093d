/// The `reconcile --json` object of SPEC 7 and 7.2, keys in its order: lists in line and `seq` order,
/// statement amounts with their sign, ledger amounts positive.
public enum ReconciliationReport {
    public static func json(_ reconciliation: Reconciliation) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("budget", reconciliation.budget)
        writer.field("pot", reconciliation.pot.rawValue)
        writer.field("period_start", reconciliation.period.start.description)
        writer.field("period_end", reconciliation.period.end.description)
        writer.key("matched")
        writer.beginArray()
        for pair in reconciliation.match.matched {
            writer.beginObject()
            writer.field("line", pair.row.line)
            writer.field("id", pair.movement.id)
            writer.endObject()
        }
        writer.endArray()
        writer.key("statement_only")
        writer.beginArray()
        for row in reconciliation.match.statementOnly {
            writer.beginObject()
            writer.field("line", row.line)
            writer.field("date", row.date.description)
            writer.field("amount", row.amount)
            writer.field("description", row.description)
            writer.endObject()
        }
        writer.endArray()
        writeMovements("ledger_only", reconciliation.match.ledgerOnly, into: &writer)
        let record = reconciliation.record
        writer.field("expected", record.expected)
        writer.field("statement_balance", record.statementBalance)
        writer.field("variance", record.variance)
        writer.field("status", record.status)
        writer.field("surplus", reconciliation.surplus)
        writeMovements("outstanding", reconciliation.match.outstanding, into: &writer)
        writer.field("timing", reconciliation.timing)
        writer.endObject()
        return writer.bytes
    }

    /// `[{"id","type","date","amount"}]`, amounts positive as the events carry them.
    private static func writeMovements(_ key: String, _ movements: [PotMovement], into writer: inout JSONWriter) {
        writer.key(key)
        writer.beginArray()
        for movement in movements {
            writer.beginObject()
            writer.field("id", movement.id)
            writer.field("type", movement.kind.rawValue)
            writer.field("date", movement.date.description)
            writer.field("amount", movement.amount)
            writer.endObject()
        }
        writer.endArray()
    }
}
