/// SPEC 4.3: what may never be bought with a personal health budget.
public enum ExcludedCategories {
    public static let all: Set<String> = [
        "gp_services", "acute_unplanned_care", "surgical_procedures", "medication", "nhs_charges",
        "vaccination", "screening", "tobacco", "alcohol", "gambling", "debt_repayment", "illegal",
    ]
}
