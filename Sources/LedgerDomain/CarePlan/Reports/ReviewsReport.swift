/// `reviews --due-by D` (SPEC 9): budgets whose next review is on or before D.
public struct ReviewsReport: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public let budget: String
        public let nextReview: CalendarDate
        /// `D − next_review`, never negative.
        public let daysOverdue: Int32
        /// Nil before the first review.
        public let lastOutcome: ReviewOutcome?
    }

    public let dueBy: CalendarDate
    /// By next review, then budget id in byte order.
    public let rows: [Row]

    public init(dueBy: CalendarDate, budgets: [CarePlanBudget]) {
        self.dueBy = dueBy
        rows = budgets.compactMap { budget -> Row? in
            guard let next = budget.carePlan.nextReview(opening: budget.opening, openedOn: budget.openedOn,
                                                        isClosed: budget.isClosed),
                  next <= dueBy else { return nil }
            return Row(budget: budget.budget, nextReview: next, daysOverdue: dueBy.days(since: next),
                       lastOutcome: budget.carePlan.latestReview()?.outcome)
        }.sorted { left, right in
            left.nextReview != right.nextReview ? left.nextReview < right.nextReview
                : String.precedesInBytes(left.budget, right.budget)
        }
    }

    /// `reviews --json`: one object per budget, each followed by a newline.
    public var jsonLines: [UInt8] {
        rows.reduce(into: []) { bytes, row in
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("budget", row.budget)
            writer.field("next_review", row.nextReview)
            writer.field("days_overdue", row.daysOverdue)
            writer.key("last_outcome")
            if let outcome = row.lastOutcome { writer.string(outcome.rawValue) } else { writer.null() }
            writer.endObject()
            bytes += writer.bytes + [UInt8(ascii: "\n")]
        }
    }
}
