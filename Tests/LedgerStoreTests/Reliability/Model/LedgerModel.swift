/// A small model of SPEC 2-4 written for the property test, sharing no code with the engine:
/// its own field table, validation, rule order and arithmetic on plain Int64 pence. It is
/// deliberately naive (dictionaries, copies) so that it is easy to check against the SPEC.
struct LedgerModel {
    enum Outcome: Equatable, CustomStringConvertible {
        case accepted, duplicate, rejected(String)
        var description: String {
            switch self {
            case .accepted: return "accepted"
            case .duplicate: return "duplicate"
            case .rejected(let code): return code
            }
        }
    }

    struct Pot: Equatable {
        let name: String
        var allocated: Int64 = 0, committed: Int64 = 0, transferred: Int64 = 0, spent: Int64 = 0, recovered: Int64 = 0
        var held: Int64 { transferred - spent - recovered }
        var available: Int64 { name == "notional" ? allocated - committed - spent : allocated - transferred }
        var remaining: Int64 { allocated - committed - spent - recovered }
        var isNonNegative: Bool {
            [allocated, committed, transferred, spent, recovered, available, remaining].allSatisfy { $0 >= 0 }
                && (name == "notional" || held >= 0)
        }
    }

    struct Budget: Equatable {
        let holdingModel: String
        /// The `budget_opened` date, `YYYY-MM-DD`: no event of the budget is dated before it (SPEC 4.4).
        let openedOn: String
        var pots: [Pot]
        var closed = false
        var version = 1
        var commitments: [String: Int64] = [:]
        var openCommitments: Int { commitments.values.filter { $0 > 0 }.count }
        /// SPEC 9.
        var care = CarePlanModel()
    }

    /// A recorded event: what a duplicate is compared with, and what a reversal undoes.
    struct Recorded {
        let budget: String
        let type: String
        let comparable: [String: String]
        let line: GeneratedLine
        let pot: String?
        var reversed = false
    }

    private(set) var budgets: [String: Budget] = [:]
    private(set) var recorded: [String: Recorded] = [:]
    /// Recorded ids in the order they were recorded.
    private(set) var recordedIDs: [String] = []
    private(set) var accepted = 0
    /// SPEC 7.2: the ids named in `matched` by the reconciliations of each "budget pot".
    private(set) var reconciled: [String: Set<String>] = [:]

    // MARK: The field table of SPEC 2

    static let potNames = ["notional", "third_party", "direct_payment"]
    static let envelope: Set<String> = ["seq", "version", "recorded_at", "hash"]
    static let required: [String: [String]] = [
        "budget_opened": ["person", "holding_model", "period_start", "period_end"],
        "allocation": ["amount"],
        "notional_commitment": ["commitment", "provider", "category", "amount"],
        "commitment_release": ["commitment"],
        "third_party_transfer": ["organisation", "amount"],
        "direct_payment_transfer": ["amount"],
        "payment": ["payee", "category", "amount"],
        "recovery": ["amount", "reason"],
        "reconciliation": ["period_end", "statement_balance"],
        "reversal": ["reverses", "reason"],
        "budget_closed": [],
    ]
    static let optional: [String: [String]] = [
        "budget_opened": ["pots"], "allocation": ["pot", "direction"], "commitment_release": ["amount"],
        "payment": ["pot", "commitment", "reference"], "recovery": ["pot"], "reconciliation": ["pot", "period_start", "matched"],
    ]
    static let excluded: Set<String> = ["gp_services", "acute_unplanned_care", "surgical_procedures", "medication", "nhs_charges",
                                        "vaccination", "screening", "tobacco", "alcohol", "gambling", "debt_repayment", "illegal"]

    // MARK: Posting

    mutating func post(_ line: GeneratedLine) -> Outcome {
        let outcome = evaluate(line)
        if outcome == .accepted { accepted += 1 }
        return outcome
    }

    private mutating func evaluate(_ line: GeneratedLine) -> Outcome {
        if line.malformed != nil { return .rejected("malformed_json") }
        if let id = line.text("id"), Self.isIdentifier(id), let existing = recorded[id] {
            return Self.comparable(line) == existing.comparable && shapeRejection(line) == nil ? .duplicate : .rejected("id_conflict")
        }
        if let code = shapeRejection(line) { return .rejected(code) }
        let type = line.text("type")!, name = line.text("budget")!
        if type == "budget_opened" {
            if budgets[name] != nil { return .rejected("budget_exists") }
            let model = line.text("holding_model")!
            let pots: [String]
            if case .list(let listed)? = line["pots"] { pots = listed } else { pots = [model] }
            budgets[name] = Budget(holdingModel: model, openedOn: line.text("date")!, pots: pots.map { Pot(name: $0) })
            record(line, budget: name, pot: nil)
            return .accepted
        }
        guard var budget = budgets[name] else { return .rejected("unknown_budget") }
        if line.text("date")! < budget.openedOn { return .rejected("date_before_opening") }
        var target: Recorded?
        if type == "reversal", let found = recorded[line.text("reverses")!], found.budget == name { target = found }
        if budget.closed {
            switch type {
            case "reconciliation", "recovery", "commitment_release": break  // SPEC 4.2 as amended
            case _ where CarePlanModel.afterClosing.contains(type): break  // SPEC 9
            // Only a reversal of this budget's payment or recovery gets past a closing (README).
            case "reversal" where target.map({ ["payment", "recovery"].contains($0.type) }) ?? false: break
            default: return .rejected("budget_closed")
            }
        }
        var potIndex: Int?
        if !["reversal", "budget_closed"].contains(type) && !CarePlanModel.withoutPot.contains(type) {
            guard let pot = Self.pot(of: line, in: budget) else { return .rejected("missing_field") }
            if ["recovery", "reconciliation", "repayment_requested"].contains(type) && pot == "notional" { return .rejected("pot_not_in_budget") }
            guard let index = budget.pots.firstIndex(where: { $0.name == pot }) else { return .rejected("pot_not_in_budget") }
            potIndex = index
        }
        if let category = line.text("category"), Self.excluded.contains(category) { return .rejected("excluded_category") }
        let commitment = line.text("commitment")
        switch type {
        case "notional_commitment" where budget.commitments[commitment!] != nil: return .rejected("duplicate_commitment")
        case "commitment_release", "payment":
            if let commitment, budget.commitments[commitment] == nil { return .rejected("unknown_commitment") }
        case "reversal":
            guard let target else { return .rejected("unknown_event") }
            guard ["allocation", "third_party_transfer", "direct_payment_transfer", "payment", "recovery"].contains(target.type) else {
                return .rejected("not_reversible")
            }
            if target.reversed { return .rejected("already_reversed") }
        case "reconciliation":
            // SPEC 7.2: every id a payment, recovery or transfer of this budget and pot; then each
            // named once, and by no earlier reconciliation of the pot.
            if case .list(let ids)? = line["matched"] {
                let pot = budget.pots[potIndex!].name
                let movements = ["payment", "recovery", "third_party_transfer", "direct_payment_transfer"]
                for id in ids {
                    guard let found = recorded[id], found.budget == name, movements.contains(found.type), found.pot == pot else {
                        return .rejected("unknown_event")
                    }
                }
                let earlier = reconciled["\(name) \(pot)", default: []]
                if ids.contains(where: earlier.contains) || Set(ids).count != ids.count { return .rejected("already_reconciled") }
            }
        default: break
        }
        if let code = budget.care.referenceRejection(line, pot: potIndex.map { budget.pots[$0].name }) { return .rejected(code) }
        if let code = budget.care.fundsRejection(line) { return .rejected(code) }
        let amount = line.text("amount").flatMap(Self.pence)
        switch type {
        case "commitment_release":
            let open = budget.commitments[commitment!]!
            if open <= 0 || (amount ?? 0) > open { return .rejected("insufficient_funds") }
        case "payment" where commitment != nil:
            if amount! > budget.commitments[commitment!]! { return .rejected("insufficient_funds") }
        case "budget_closed" where budget.openCommitments > 0:
            return .rejected("open_commitments")
        default: break
        }
        switch type {
        case "budget_closed": budget.closed = true
        case "reconciliation": break
        case "reversal": Self.move(target!.line, in: &budget, pot: budget.pots.firstIndex { $0.name == target!.pot }!, sign: -1)
        case _ where CarePlanModel.required[type] != nil: break  // SPEC 9: no money moves
        default: Self.move(line, in: &budget, pot: potIndex!, sign: 1)
        }
        guard budget.pots.allSatisfy(\.isNonNegative) else { return .rejected("insufficient_funds") }
        if type == "reversal" {
            budget.care.apply(target!.line, pot: target!.pot, sign: -1)
        } else {
            budget.care.apply(line, pot: potIndex.map { budget.pots[$0].name })
        }
        budget.version += 1
        budgets[name] = budget
        if target != nil { recorded[line.text("reverses")!]!.reversed = true }
        if type == "reconciliation", case .list(let ids)? = line["matched"] { reconciled["\(name) \(budget.pots[potIndex!].name)", default: []].formUnion(ids) }
        record(line, budget: name, pot: potIndex.map { budget.pots[$0].name })
        return .accepted
    }

    private mutating func record(_ line: GeneratedLine, budget: String, pot: String?) {
        recordedIDs.append(line.text("id")!)
        recorded[line.text("id")!] = Recorded(budget: budget, type: line.text("type")!, comparable: Self.comparable(line), line: line, pot: pot)
    }

    /// Applies (sign 1) or undoes (sign -1) the money an event moves.
    private static func move(_ line: GeneratedLine, in budget: inout Budget, pot: Int, sign: Int64) {
        let type = line.text("type")!
        let commitment = line.text("commitment")
        let amount = line.text("amount").flatMap(pence) ?? budget.commitments[commitment ?? ""] ?? 0
        switch type {
        case "allocation": budget.pots[pot].allocated += sign * (line.text("direction") == "decrease" ? -amount : amount)
        case "notional_commitment":
            budget.pots[pot].committed += sign * amount
            budget.commitments[commitment!, default: 0] += sign * amount
        case "commitment_release":
            budget.pots[pot].committed -= sign * amount
            budget.commitments[commitment!]! -= sign * amount
        case "third_party_transfer", "direct_payment_transfer": budget.pots[pot].transferred += sign * amount
        case "payment":
            budget.pots[pot].spent += sign * amount
            if let commitment {
                budget.pots[pot].committed -= sign * amount
                budget.commitments[commitment]! -= sign * amount
            }
        case "recovery": budget.pots[pot].recovered += sign * amount
        default: preconditionFailure("\(type) moves no money")
        }
    }

    /// SPEC 2: the named pot, the pot the type implies, or a single-model budget's only pot.
    private static func pot(of line: GeneratedLine, in budget: Budget) -> String? {
        let single = budget.holdingModel == "mixed" ? nil : budget.holdingModel
        switch line.text("type")! {
        case "notional_commitment", "commitment_release": return "notional"
        case "third_party_transfer": return "third_party"
        case "direct_payment_transfer": return "direct_payment"
        case "schedule_set": return line.text("kind") == "third_party_transfer" ? "third_party" : "direct_payment"
        case "payment": return line.text("pot") ?? (line["commitment"] != nil ? "notional" : single)
        default: return line.text("pot") ?? single
        }
    }

    // MARK: Shape (SPEC 2 and 4.1: missing_field, unknown_type, invalid_field, in that order)

    private func shapeRejection(_ line: GeneratedLine) -> String? {
        for name in ["id", "type", "budget", "date"] where line[name] == nil { return "missing_field" }
        guard let type = line.text("type") else { return "invalid_field" }
        guard let required = Self.required[type] ?? CarePlanModel.required[type] else { return "unknown_type" }
        if required.contains(where: { line[$0] == nil }) { return "missing_field" }
        if type == "budget_opened", line.text("holding_model") == "mixed", line["pots"] == nil { return "missing_field" }
        if CarePlanModel.conditionallyMissing(line) { return "missing_field" }
        let optional = (Self.optional[type] ?? []) + (CarePlanModel.optional[type] ?? [])
        let known = Set(["id", "type", "budget", "date", "actor", "note"] + required + optional).union(Self.envelope)
        if line.fields.contains(where: { !known.contains($0.key) }) { return "invalid_field" }
        for (key, value) in line.fields where !Self.envelope.contains(key) {
            // SPEC 9: a plan line's amount may be zero (it ends the line).
            if type == "plan_line", key == "amount", case .text(let text) = value, Self.pence(text) != nil { continue }
            if !Self.isValid(key, value) { return "invalid_field" }
        }
        if CarePlanModel.required[type] != nil, CarePlanModel.crossFieldInvalid(line) { return "invalid_field" }
        // SPEC 4.4: envelope fields are ignored but must have the JSON type `export` gives them.
        for (key, value) in line.fields where Self.envelope.contains(key) {
            switch (key, value) {
            case ("seq", .number), ("version", .number): break
            case ("recorded_at", .text(let text)), ("hash", .text(let text)): if Self.hasControl(text) { return "invalid_field" }
            default: return "invalid_field"
            }
        }
        let pot = line.text("pot")
        switch type {
        case "budget_opened":
            if line.text("holding_model") != "mixed" && line["pots"] != nil { return "invalid_field" }
            if line.text("period_start")! > line.text("period_end")! { return "invalid_field" }
        case "payment" where line["commitment"] != nil && pot != nil && pot != "notional": return "invalid_field"
        case "recovery" where pot == "notional", "reconciliation" where pot == "notional": return "invalid_field"
        case "reconciliation":
            if let start = line.text("period_start"), start > line.text("period_end")! { return "invalid_field" }
            if line.text("period_end")! > line.text("date")! { return "invalid_field" }  // SPEC 4.4
        default: break
        }
        return nil
    }

    private static func isValid(_ key: String, _ value: GeneratedLine.Value) -> Bool {
        if key == "matched" {
            guard case .list(let ids) = value else { return false }
            return ids.allSatisfy(isIdentifier)
        }
        if key == "pots" {
            guard case .list(let pots) = value else { return false }
            return (2...3).contains(pots.count) && Set(pots).count == pots.count && pots.allSatisfy(potNames.contains)
        }
        guard case .text(let text) = value, !hasControl(text) else { return false }
        if let valid = CarePlanModel.isValid(key, text) { return valid }
        switch key {
        case "id", "commitment", "reverses": return isIdentifier(text)
        case "budget": return (1...64).contains(text.utf8.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
            && text != "." && text != ".." 
        case "date", "period_start", "period_end": return isDate(text)
        case "amount": return (pence(text) ?? 0) > 0
        case "statement_balance": return pence(text) != nil
        case "pot": return potNames.contains(text)
        case "holding_model": return (potNames + ["mixed"]).contains(text)
        case "direction": return ["increase", "decrease"].contains(text)
        case "category": return text.first.map { $0 >= "a" && $0 <= "z" } == true && text.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
        case "actor": return text.unicodeScalars.count <= 128
        case "note": return text.unicodeScalars.count <= 1024
        case "type": return true
        default: return (1...256).contains(text.unicodeScalars.count)  // names, payees, reasons, references
        }
    }

    /// SPEC 4.4: a character of general category Cc.
    static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    static func isIdentifier(_ text: String) -> Bool {
        (1...128).contains(text.utf8.count) && text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// `YYYY-MM-DD`, a real calendar day.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.map(\.count) == [4, 2, 2], let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              text.allSatisfy({ $0 == "-" || $0.isASCII && $0.isNumber }) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(month) && (1...days[month - 1]).contains(day)
    }

    /// A decimal with 1-10 digits before the point and 1-2 after it if there is a point.
    static func pence(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, (1...10).contains(parts[0].count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let whole = Int64(parts[0]) else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        guard (1...2).contains(parts[1].count), let fraction = Int64(parts[1]) else { return nil }
        return whole * 100 + (parts[1].count == 1 ? fraction * 10 : fraction)
    }

    /// Field values as a duplicate is judged: amounts as money, envelope fields ignored.
    static func comparable(_ line: GeneratedLine) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in line.fields where !envelope.contains(key) {
            switch value {
            case .text(let text): result[key] = ["amount", "statement_balance"].contains(key) ? pence(text).map { "\($0)p" } ?? text : text
            case .number(let number): result[key] = "#" + number
            case .list(let items): result[key] = items.joined(separator: ",")
            }
        }
        return result
    }
}
