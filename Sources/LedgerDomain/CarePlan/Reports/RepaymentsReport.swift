/// `repayments [--budget B] [--on D]` (SPEC 9): every repayment request and what settled it.
public struct RepaymentsReport: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public let budget: String
        public let request: RepaymentRequest
        public let outstanding: Money
        public let isOverdue: Bool
    }

    public let on: CalendarDate
    /// By `due`, then budget, then repayment name (byte order).
    public let rows: [Row]

    /// Nil if an outstanding amount would not fit in 64-bit pence.
    public init?(on date: CalendarDate, budgets: [CarePlanBudget]) {
        var rows: [Row] = []
        for budget in budgets {
            for request in budget.carePlan.requests.values {
                guard let outstanding = request.outstanding else { return nil }
                rows.append(Row(budget: budget.budget, request: request, outstanding: outstanding,
                                isOverdue: request.isOverdue(on: date)))
            }
        }
        on = date
        self.rows = rows.sorted { left, right in
            if left.request.due != right.request.due { return left.request.due < right.request.due }
            if left.budget != right.budget { return String.precedesInBytes(left.budget, right.budget) }
            return String.precedesInBytes(left.request.name, right.request.name)
        }
    }

    /// `repayments --json`: one object per request, each followed by a newline.
    public var jsonLines: [UInt8] {
        rows.reduce(into: []) { bytes, row in
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("budget", row.budget)
            writer.field("repayment", row.request.name)
            writer.field("pot", row.request.pot.rawValue)
            writer.field("grounds", row.request.grounds.rawValue)
            writer.field("requested", row.request.requested)
            writer.field("recovered", row.request.recovered)
            writer.field("waived", row.request.waived)
            writer.field("outstanding", row.outstanding)
            writer.field("due", row.request.due)
            writer.key("overdue")
            writer.bool(row.isOverdue)
            writer.endObject()
            bytes += writer.bytes + [UInt8(ascii: "\n")]
        }
    }
}
