/// SPEC 4.3: what may never be bought with a personal health budget.
public enum ExcludedCategories {
    public static let all: Set<String> = [
        "gp_services", "acute_unplanned_care", "surgical_procedures", "medication", "nhs_charges",
        "vaccination", "screening", "tobacco", "alcohol", "gambling", "debt_repayment", "illegal",
    ]

    /// Checked for every payment: comparing lengths first (no excluded name is as long as most
    /// categories) costs less than hashing the category.
    public static func isExcluded(_ category: String) -> Bool {
        let length = category.utf8.count
        return list.contains { $0.utf8.count == length && $0 == category }
    }

    private static let list = Array(all)
}
