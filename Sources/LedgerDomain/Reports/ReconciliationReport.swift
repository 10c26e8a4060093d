/// The `reconcile --json` object of SPEC 7, keys in its order: lists in line and `seq` order,
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
        writer.key("ledger_only")
        writer.beginArray()
        for movement in reconciliation.match.ledgerOnly {
            writer.beginObject()
            writer.field("id", movement.id)
            writer.field("type", movement.kind.rawValue)
            writer.field("date", movement.date.description)
            writer.field("amount", movement.amount)
            writer.endObject()
        }
        writer.endArray()
        let record = reconciliation.record
        writer.field("expected", record.expected)
        writer.field("statement_balance", record.statementBalance)
        writer.field("variance", record.variance)
        writer.field("status", record.status)
        writer.field("surplus", reconciliation.surplus)
        writer.endObject()
        return writer.bytes
    }
}
