/// SPEC 9 in the property test's model, written from the SPEC like the rest of `LedgerModel`
/// and sharing no code with the engine: plan lines, schedules, reviews and repayment requests,
/// the four new codes in their place, and what the money events do to them.
struct CarePlanModel: Equatable {
    /// Plan lines: pot and planned pence (0: ended).
    var lines: [String: (pot: String, planned: Int64)] = [:]
    var commitmentLines: [String: String] = [:]
    /// Schedules: kind, organisation and the latest `first`.
    var schedules: [String: (kind: String, organisation: String?, first: String)] = [:]
    /// Reviews in the order recorded.
    var reviews: [(date: String, outcome: String)] = []
    var requests: [String: (pot: String, requested: Int64, settled: Int64)] = [:]

    static func == (left: CarePlanModel, right: CarePlanModel) -> Bool {
        left.lines.mapValues { "\($0.pot) \($0.planned)" } == right.lines.mapValues { "\($0.pot) \($0.planned)" }
            && left.commitmentLines == right.commitmentLines && left.reviews.map { "\($0)" } == right.reviews.map { "\($0)" }
            && left.requests.mapValues { "\($0)" } == right.requests.mapValues { "\($0)" }
            && left.schedules.mapValues { "\($0)" } == right.schedules.mapValues { "\($0)" }
    }

    static let required: [String: [String]] = [
        "plan_line": ["line", "category", "amount"],
        "schedule_set": ["schedule", "kind", "amount", "every", "first"],
        "schedule_ended": ["schedule", "last"],
        "review": ["outcome"],
        "repayment_requested": ["repayment", "amount", "grounds", "due"],
        "repayment_waived": ["repayment", "reason"],
    ]
    static let optional: [String: [String]] = [
        "plan_line": ["pot", "description", "funding"], "schedule_set": ["last", "organisation"], "review": ["next_review"],
        "repayment_requested": ["pot"], "repayment_waived": ["amount"],
        // the new optional fields of SPEC 2's types
        "payment": ["line"], "notional_commitment": ["line"], "recovery": ["repayment"], "budget_opened": ["cohort"],
    ]
    static let afterClosing: Set<String> = ["review", "repayment_requested", "repayment_waived", "schedule_ended"]
    static let withoutPot: Set<String> = ["schedule_ended", "review", "repayment_waived"]

    /// A field one other field's value requires (checked with the other missing fields).
    static func conditionallyMissing(_ line: GeneratedLine) -> Bool {
        switch line.text("type") {
        case "schedule_set": return line["organisation"] == nil && line["kind"] == .text("third_party_transfer")
        case "review": return line["next_review"] == nil && line["outcome"] != .text("stop")
        default: return false
        }
    }

    /// SPEC 9's own field rules; nil when `key` is not one of its fields.
    static func isValid(_ key: String, _ text: String) -> Bool? {
        switch key {
        case "line", "schedule", "repayment":
            return (1...40).contains(text.utf8.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        case "first", "last", "next_review", "due": return LedgerModel.isDate(text)
        case "funding": return ["nhs", "local_authority", "joint"].contains(text)
        case "kind": return ["direct_payment_transfer", "third_party_transfer"].contains(text)
        case "every": return ["week", "2_weeks", "4_weeks", "month", "quarter"].contains(text)
        case "outcome": return ["continue", "amend", "suspend", "stop"].contains(text)
        case "grounds": return ["surplus", "outside_plan", "not_needed", "fraud", "other"].contains(text)
        case "cohort": return text.first.map { $0 >= "a" && $0 <= "z" } == true && text.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
        case "description": return text.unicodeScalars.count <= 1024
        default: return nil
        }
    }

    /// The rules spanning a new type's fields (invalid_field).
    static func crossFieldInvalid(_ line: GeneratedLine) -> Bool {
        let date = line.text("date")!
        switch line.text("type") {
        case "schedule_set":
            if line.text("kind") == "direct_payment_transfer" && line["organisation"] != nil { return true }
            if line.text("first")! < date { return true }
            if let last = line.text("last"), last < line.text("first")! { return true }
        case "review":
            if line.text("outcome") == "stop" && line["next_review"] != nil { return true }
            if let next = line.text("next_review"), next <= date { return true }
        case "repayment_requested":
            if line.text("pot") == "notional" || line.text("due")! < date { return true }
        default: break
        }
        return false
    }

    func paymentsStopped(on date: String) -> Bool {
        var latest: (date: String, outcome: String)?
        for review in reviews where review.date <= date {
            if latest.map({ review.date >= $0.date }) ?? true { latest = review }
        }
        return latest.map { ["suspend", "stop"].contains($0.outcome) } ?? false
    }

    func outstanding(_ name: String) -> Int64 { requests[name].map { $0.requested - $0.settled } ?? 0 }

    /// unknown_line, unknown_schedule, unknown_repayment, the state's invalid_field, payments_stopped.
    func referenceRejection(_ line: GeneratedLine, pot: String?) -> String? {
        let type = line.text("type")!
        if ["payment", "notional_commitment"].contains(type), let name = line.text("line") {
            guard let found = lines[name], found.planned > 0, found.pot == pot else { return "unknown_line" }
        }
        if type == "schedule_ended", schedules[line.text("schedule")!] == nil { return "unknown_schedule" }
        if type == "repayment_waived", requests[line.text("repayment")!] == nil { return "unknown_repayment" }
        if type == "recovery", let name = line.text("repayment"), requests[name]?.pot != pot { return "unknown_repayment" }
        if type == "plan_line", let found = lines[line.text("line")!], found.pot != pot { return "invalid_field" }
        if type == "schedule_set", let found = schedules[line.text("schedule")!] {
            if found.kind != line.text("kind") || found.organisation != line.text("organisation") || line.text("first")! <= found.first {
                return "invalid_field"
            }
        }
        if type == "repayment_requested", requests[line.text("repayment")!] != nil { return "invalid_field" }
        if type == "payment", let name = line.text("line"), let commitment = line.text("commitment"), commitmentLines[commitment] != name {
            return "invalid_field"
        }
        if type == "direct_payment_transfer", paymentsStopped(on: line.text("date")!) { return "payments_stopped" }
        return nil
    }

    /// The outstanding-amount rules of repayments (insufficient_funds).
    func fundsRejection(_ line: GeneratedLine) -> String? {
        let type = line.text("type")!
        guard let name = line.text("repayment"), type == "recovery" || type == "repayment_waived" else { return nil }
        let outstanding = outstanding(name)
        if outstanding <= 0 { return "insufficient_funds" }
        if let amount = line.text("amount").flatMap(LedgerModel.pence), amount > outstanding { return "insufficient_funds" }
        return nil
    }

    /// Records an accepted event (`sign` −1: the reversal of `line`).
    mutating func apply(_ line: GeneratedLine, pot: String?, sign: Int64 = 1) {
        let type = line.text("type")!
        switch type {
        case "plan_line": lines[line.text("line")!] = (lines[line.text("line")!]?.pot ?? pot!, LedgerModel.pence(line.text("amount")!)!)
        case "notional_commitment": if let name = line.text("line") { commitmentLines[line.text("commitment")!] = name }
        case "schedule_set":
            schedules[line.text("schedule")!] = (line.text("kind")!, line.text("organisation"), line.text("first")!)
        case "review": reviews.append((line.text("date")!, line.text("outcome")!))
        case "repayment_requested":
            requests[line.text("repayment")!] = (pot!, LedgerModel.pence(line.text("amount")!)!, 0)
        case "repayment_waived":
            let name = line.text("repayment")!
            requests[name]!.settled += line.text("amount").flatMap(LedgerModel.pence) ?? outstanding(name)
        case "recovery":
            if let name = line.text("repayment") { requests[name]!.settled += sign * LedgerModel.pence(line.text("amount")!)! }
        default: break
        }
    }
}
