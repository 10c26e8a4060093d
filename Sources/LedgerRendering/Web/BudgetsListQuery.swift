import LedgerApplication
import LedgerDomain

/// The budgets list's search, filters and order, as the page's query string gives them
/// (`?q=&holding_model=&status=&attention=yes&sort=remaining&order=desc`). Unknown values are
/// ignored (the list shows everything, by budget id), so a bookmark never breaks.
public struct BudgetsListQuery: Sendable {
    public enum SortKey: String, CaseIterable, Sendable {
        case budget, person, holdingModel = "holding_model", status, allocated, spent, remaining, unreconciled, surplus
        case nextReview = "next_review"
    }

    public var search: String
    public var holdingModel: HoldingModel?
    /// `open` or `closed`; nil for both.
    public var closed: Bool?
    public var onlyNeedingAttention: Bool
    public var sort: SortKey
    public var descending: Bool

    /// - Parameter parameter: the query parameter of that name, nil when absent.
    public init(parameter: (String) -> String?) {
        search = String((parameter("q") ?? "").prefix(BudgetsListQuery.searchLengthMax))
        holdingModel = parameter("holding_model").flatMap(HoldingModel.init(rawValue:))
        switch parameter("status") {
        case "open": closed = false
        case "closed": closed = true
        default: closed = nil
        }
        onlyNeedingAttention = parameter("attention") == "yes"
        sort = parameter("sort").flatMap(SortKey.init(rawValue:)) ?? .budget
        descending = parameter("order") == "desc"
    }

    /// Longer searches are cut: no budget id or person is this long.
    static let searchLengthMax = 200

    /// The rows that pass the search and filters, in the order asked for (then by budget id).
    public func apply(to rows: [BudgetOverview.Row]) -> [BudgetOverview.Row] {
        // Spaces around the search are dropped; spaces inside it count.
        let needle = String(search.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()).lowercased()
        let kept = rows.filter { row in
            (needle.isEmpty || row.budget.lowercased().contains(needle) || row.state.opening.person.lowercased().contains(needle))
                && (holdingModel.map { row.state.opening.holdingModel == $0 } ?? true)
                && (closed.map { row.state.isClosed == $0 } ?? true)
                && (!onlyNeedingAttention || !row.attention.isEmpty)
        }
        return kept.sorted { left, right in
            let order = compare(left, right)
            if order != 0 { return descending ? order > 0 : order < 0 }
            return left.budget.utf8.lexicographicallyPrecedes(right.budget.utf8)
        }
    }

    /// Negative, zero or positive, as `left` sorts before, with or after `right` by `sort`.
    private func compare(_ left: BudgetOverview.Row, _ right: BudgetOverview.Row) -> Int {
        func by<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a > b ? 1 : 0 }
        switch sort {
        case .budget: return 0
        case .person: return by(left.state.opening.person, right.state.opening.person)
        case .holdingModel: return by(left.state.opening.holdingModel.rawValue, right.state.opening.holdingModel.rawValue)
        case .status: return by(left.state.isClosed ? 1 : 0, right.state.isClosed ? 1 : 0)
        case .allocated: return by(left.totals.allocated.pence, right.totals.allocated.pence)
        case .spent: return by(left.totals.spent.pence, right.totals.spent.pence)
        case .remaining: return by(left.totals.remaining.pence, right.totals.remaining.pence)
        case .unreconciled: return by(left.unreconciled.amount.pence, right.unreconciled.amount.pence)
        case .surplus: return by(left.surplus?.pence ?? -1, right.surplus?.pence ?? -1)
        // No next review (closed, stopped) sorts after every date.
        case .nextReview: return by(left.nextReview?.daysSinceEpoch ?? Int32.max, right.nextReview?.daysSinceEpoch ?? Int32.max)
        }
    }

    /// The query string of this list sorted by `key` (the other way when it already is).
    func sortLink(_ key: SortKey) -> String {
        let order = sort == key && !descending ? "desc" : nil
        return WebFormat.query(filterPairs + [("sort", key == .budget && order == nil ? nil : key.rawValue), ("order", order)])
    }

    var filterPairs: [(String, String?)] {
        [("q", search), ("holding_model", holdingModel?.rawValue), ("status", closed.map { $0 ? "closed" : "open" }),
         ("attention", onlyNeedingAttention ? "yes" : nil)]
    }
}
