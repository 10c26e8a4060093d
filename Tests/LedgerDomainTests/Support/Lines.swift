import LedgerDomain

/// Builders of event lines as a user would post them: `id`, `type`, `budget`, `date`, then the
/// type's own fields in SPEC 2's order, a field given as nil being left out.
enum Lines {
    static let budget = "PHB-1"
    static let day = "2025-04-01"

    static func event(_ type: String, _ id: String, budget: String = budget, date: String = day,
                      _ fields: KeyValuePairs<String, String?> = [:]) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("id", id)
        writer.field("type", type)
        writer.field("budget", budget)
        writer.field("date", date)
        for (name, value) in fields { writer.field(name, optional: value) }
        writer.endObject()
        return writer.text
    }

    /// A budget over the financial year 2025-26; `pots` only for a mixed one.
    static func open(_ model: String, pots: [String]? = nil, id: String = "open", budget: String = budget,
                     date: String = day, person: String = "P-9") -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("id", id)
        writer.field("type", "budget_opened")
        writer.field("budget", budget)
        writer.field("date", date)
        writer.field("person", person)
        writer.field("holding_model", model)
        if let pots {
            writer.key("pots")
            writer.beginArray()
            for pot in pots { writer.string(pot) }
            writer.endArray()
        }
        writer.field("period_start", "2025-04-01")
        writer.field("period_end", "2026-03-31")
        writer.endObject()
        return writer.text
    }

    static func allocation(_ id: String, _ amount: String, pot: String? = nil, direction: String? = nil,
                           budget: String = budget, date: String = day) -> String {
        event("allocation", id, budget: budget, date: date, ["pot": pot, "amount": amount, "direction": direction])
    }

    static func commitment(_ id: String, _ commitment: String, _ amount: String, category: String = "personal_care",
                           budget: String = budget, date: String = day) -> String {
        event("notional_commitment", id, budget: budget, date: date,
              ["commitment": commitment, "provider": "Carewell Homecare Ltd", "category": category, "amount": amount])
    }

    static func release(_ id: String, _ commitment: String, _ amount: String? = nil,
                        budget: String = budget, date: String = day) -> String {
        event("commitment_release", id, budget: budget, date: date, ["commitment": commitment, "amount": amount])
    }

    static func thirdPartyTransfer(_ id: String, _ amount: String, budget: String = budget, date: String = day) -> String {
        event("third_party_transfer", id, budget: budget, date: date, ["organisation": "Brightpath ISF Ltd", "amount": amount])
    }

    static func directPaymentTransfer(_ id: String, _ amount: String, budget: String = budget, date: String = day) -> String {
        event("direct_payment_transfer", id, budget: budget, date: date, ["amount": amount])
    }

    static func payment(_ id: String, _ amount: String, pot: String? = nil, category: String = "personal_care",
                        commitment: String? = nil, reference: String? = nil,
                        budget: String = budget, date: String = day) -> String {
        event("payment", id, budget: budget, date: date,
              ["pot": pot, "payee": "PA J. Okafor", "category": category, "amount": amount,
               "commitment": commitment, "reference": reference])
    }

    static func recovery(_ id: String, _ amount: String, pot: String? = nil, budget: String = budget, date: String = day) -> String {
        event("recovery", id, budget: budget, date: date, ["pot": pot, "amount": amount, "reason": "Surplus returned"])
    }

    /// Dated `periodEnd` unless told otherwise: a statement period has ended when it is recorded (SPEC 4.4).
    static func reconciliation(_ id: String, periodEnd: String, statementBalance: String, pot: String? = nil,
                               periodStart: String? = nil, budget: String = budget, date: String? = nil) -> String {
        event("reconciliation", id, budget: budget, date: date ?? periodEnd,
              ["pot": pot, "period_end": periodEnd, "statement_balance": statementBalance, "period_start": periodStart])
    }

    static func reversal(_ id: String, of target: String, budget: String = budget, date: String = day) -> String {
        event("reversal", id, budget: budget, date: date, ["reverses": target, "reason": "Entered in error"])
    }

    static func closed(_ id: String = "close", budget: String = budget, date: String = day) -> String {
        event("budget_closed", id, budget: budget, date: date)
    }
}
