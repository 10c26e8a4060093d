import TestSupport

/// Random event lines for the property test, mostly plausible (amounts near what the model says
/// is available, so that the funds rules are exercised at their edges), some deliberately
/// wrong: defects in one field, unknown types, malformed JSON, reposts and conflicting reposts.
struct EventGenerator {
    private var random: SeededGenerator
    private var step = 0

    static let categories = ["personal_care", "respite", "equipment", "gambling", "alcohol"]
    static let largest: Int64 = 999_999_999_999

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func next(for model: LedgerModel) -> GeneratedLine {
        step += 1
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 5, let repost = repost(from: model) { return repost }
        if roll < 6 { return malformed() }
        var line = plausible(for: model)
        if random.chance(12) { injectDefect(into: &line) }
        return line
    }

    // MARK: Plausible events

    /// Mostly events for one of the open budgets, of a type that suits its pots; a new budget
    /// whenever fewer than three are open (closed ones stay closed); sometimes a closed or an
    /// unknown budget, or a type its pots cannot take.
    private mutating func plausible(for model: LedgerModel) -> GeneratedLine {
        let open = model.budgets.filter { !$0.value.closed }.keys.sorted()
        let closed = model.budgets.filter { $0.value.closed }.keys.sorted()
        let roll = Int.random(in: 0..<100, using: &random)
        let name: String
        if open.count < 3 || roll < 3 {
            name = "B\(model.budgets.count + 1)"
        } else if roll < 6 {
            name = "Z\(step)"  // never opened
        } else if roll < 14 && !closed.isEmpty {
            name = random.pick(closed)
        } else {
            name = random.pick(open)
        }
        var line = GeneratedLine([("id", .text("e\(step)")), ("type", .text("")), ("budget", .text(name)), ("date", .text(date()))])
        guard let budget = model.budgets[name] else {
            fill(&line, type: name.hasPrefix("B") ? "budget_opened" : random.pick(Self.types.map(\.type)), budget: nil, model: model)
            return line
        }
        let pots = Set(budget.pots.map(\.name))
        let suitable = Self.types.filter { $0.needs.map(pots.contains) ?? true || random.chance(10) }
        fill(&line, type: random.pick(suitable.flatMap { Array(repeating: $0.type, count: $0.weight) }), budget: budget, model: model)
        if random.chance(10) { line["actor"] = .text("a.officer@icb.nhs.uk") }
        if random.chance(5) { line["note"] = .text("checked") }
        return line
    }

    /// Event types by weight, with the pot each needs.
    static let types: [(type: String, weight: Int, needs: String?)] = [
        ("allocation", 22, nil), ("notional_commitment", 10, "notional"), ("commitment_release", 7, "notional"),
        ("third_party_transfer", 8, "third_party"), ("direct_payment_transfer", 8, "direct_payment"), ("payment", 20, nil),
        ("recovery", 6, nil), ("reconciliation", 5, nil), ("reversal", 9, nil), ("budget_closed", 2, nil), ("budget_opened", 2, nil),
        // SPEC 9
        ("plan_line", 6, nil), ("schedule_set", 3, nil), ("schedule_ended", 2, nil), ("review", 3, nil),
        ("repayment_requested", 3, nil), ("repayment_waived", 3, nil),
    ]

    static let lineNames = ["care", "respite", "kit"]

    private mutating func fill(_ line: inout GeneratedLine, type: String, budget: LedgerModel.Budget?, model: LedgerModel) {
        line["type"] = .text(type)
        let pots = budget?.pots ?? []
        let single = budget.map { $0.holdingModel != "mixed" } ?? true
        func pot(_ candidates: [LedgerModel.Pot]) -> LedgerModel.Pot? {
            let chosen = candidates.isEmpty ? nil : random.pick(candidates)
            if let chosen, !single || random.chance(30) { line["pot"] = .text(chosen.name) }
            return chosen
        }
        switch type {
        case "budget_opened":
            let holdingModel = random.pick(LedgerModel.potNames + ["mixed", "mixed"])
            line["person"] = .text("P-\(step)")
            line["holding_model"] = .text(holdingModel)
            if holdingModel == "mixed" { line["pots"] = .list(Array(LedgerModel.potNames.shuffled(using: &random).prefix(random.chance(50) ? 2 : 3))) }
            line["period_start"] = .text("2025-04-01")
            line["period_end"] = .text("2026-03-31")
            // Mostly opened at the start of the year; otherwise later, so that earlier-dated
            // events meet date_before_opening (SPEC 4.4).
            if random.chance(85) { line["date"] = .text("2025-04-01") }
            if random.chance(30) { line["cohort"] = .text(random.pick(["continuing_healthcare", "mental_health"])) }
        case "allocation":
            let chosen = pot(pots)
            let decrease = random.chance(20)
            if decrease { line["direction"] = .text("decrease") } else if random.chance(10) { line["direction"] = .text("increase") }
            line["amount"] = .text(amount(near: decrease ? chosen?.available ?? 0 : Int64.random(in: 1...5_000_000, using: &random)))
        case "notional_commitment":
            line["commitment"] = .text("c\(Int.random(in: 1...5, using: &random))")
            line["provider"] = .text("Homecare Ltd")
            line["category"] = .text(random.pick(Self.categories))
            line["amount"] = .text(amount(near: pots.first { $0.name == "notional" }?.available ?? 0))
            if random.chance(40) { line["line"] = .text(random.pick(Self.lineNames)) }
        case "commitment_release":
            let commitment = "c\(Int.random(in: 1...5, using: &random))"
            line["commitment"] = .text(commitment)
            if random.chance(50) { line["amount"] = .text(amount(near: budget?.commitments[commitment] ?? 0)) }
        case "third_party_transfer", "direct_payment_transfer":
            if type == "third_party_transfer" { line["organisation"] = .text("Brightpath ISF") }
            let pot = type == "third_party_transfer" ? "third_party" : "direct_payment"
            line["amount"] = .text(amount(near: pots.first { $0.name == pot }?.available ?? 0))
        case "payment":
            line["payee"] = .text("PA J. Okafor")
            line["category"] = .text(random.pick(Self.categories))
            if random.chance(30) {
                let commitment = "c\(Int.random(in: 1...5, using: &random))"
                line["commitment"] = .text(commitment)
                if random.chance(20) { line["pot"] = .text("notional") }
                line["amount"] = .text(amount(near: budget?.commitments[commitment] ?? 0))
            } else {
                let chosen = pot(pots)
                line["amount"] = .text(amount(near: chosen.map { $0.name == "notional" ? $0.available : $0.held } ?? 0))
            }
            if random.chance(30) { line["reference"] = .text("INV-\(step)") }
            if random.chance(30) { line["line"] = .text(random.pick(Self.lineNames)) }
        case "recovery", "reconciliation":
            let chosen = pot(pots.filter { $0.name != "notional" })
            if type == "recovery" {
                line["amount"] = .text(amount(near: chosen?.held ?? 0))
                line["reason"] = .text("surplus")
                if random.chance(40) {
                    let name = random.pick(["r1", "r2", "r9"])
                    line["repayment"] = .text(name)
                    if random.chance(50) { line["amount"] = .text(amount(near: budget?.care.outstanding(name) ?? 0)) }
                }
            } else {
                // A statement period ends on or before the day it is recorded (SPEC 4.4), mostly.
                let recorded = line.text("date")!, end = date()
                line["period_end"] = .text(end <= recorded || random.chance(10) ? end : recorded)
                line["statement_balance"] = .text(random.chance(20) ? "0" : amount(near: chosen?.held ?? 0))
                if random.chance(40) {
                    // SPEC 7.2: movements of this budget (of any pot, some named twice or already
                    // matched), now and then an id that names nothing.
                    let name = line.text("budget")!
                    let movements = model.recordedIDs.filter { id in
                        model.recorded[id].map { $0.budget == name && ["payment", "recovery", "third_party_transfer", "direct_payment_transfer"].contains($0.type) } ?? false
                    }
                    var ids: [String] = []
                    for _ in 0..<Int.random(in: 0...3, using: &random) {
                        ids.append(!movements.isEmpty && random.chance(90) ? random.pick(movements) : "no-such-event")
                    }
                    line["matched"] = .list(ids)
                }
            }
        case "reversal":
            // Mostly a reversible event of this budget (reversed already or not), else any event.
            let name = line.text("budget")!
            let own = random.chance(80) ? model.recordedIDs.filter { id in
                model.recorded[id].map { $0.budget == name && !["budget_opened", "reconciliation"].contains($0.type) } ?? false
            } : []
            let ids = own.isEmpty ? model.recordedIDs : own
            line["reverses"] = .text(random.chance(95) && !ids.isEmpty ? random.pick(ids) : "no-such-event")
            line["reason"] = .text("keyed in error")
        case "plan_line", "schedule_set", "schedule_ended", "review", "repayment_requested", "repayment_waived":
            fillCarePlan(&line, type: type, budget: budget)
        default:
            break  // budget_closed
        }
    }

    /// SPEC 9's kinds: names from small sets so that amendments, unknown names and repeats happen.
    private mutating func fillCarePlan(_ line: inout GeneratedLine, type: String, budget: LedgerModel.Budget?) {
        let pots = budget?.pots ?? []
        let single = budget.map { $0.holdingModel != "mixed" } ?? true
        let date = line.text("date")!
        func pot(_ candidates: [LedgerModel.Pot]) -> LedgerModel.Pot? {
            let chosen = candidates.isEmpty ? nil : random.pick(candidates)
            if let chosen, !single || random.chance(30) { line["pot"] = .text(chosen.name) }
            return chosen
        }
        switch type {
        case "plan_line":
            line["line"] = .text(random.pick(Self.lineNames))
            _ = pot(pots)
            line["category"] = .text(random.pick(Self.categories))
            line["amount"] = .text(random.chance(20) ? "0" : format(Int64.random(in: 1...2_000_000, using: &random)))
            if random.chance(30) { line["funding"] = .text(random.pick(["nhs", "local_authority", "joint"])) }
            if random.chance(20) { line["description"] = .text("agreed at review") }
        case "schedule_set":
            let thirdParty = pots.contains { $0.name == "third_party" } && (random.chance(50) || !pots.contains { $0.name == "direct_payment" })
            line["schedule"] = .text(random.pick(["s1", "s2"]))
            line["kind"] = .text(thirdParty ? "third_party_transfer" : "direct_payment_transfer")
            line["amount"] = .text(format(Int64.random(in: 1...100_000, using: &random)))
            line["every"] = .text(random.pick(["week", "2_weeks", "4_weeks", "month", "quarter"]))
            line["first"] = .text(random.chance(85) ? date : self.date())
            if random.chance(30) { line["last"] = .text(self.date()) }
            if thirdParty != random.chance(5) { line["organisation"] = .text(random.chance(90) ? "Brightpath ISF" : "Other ISF") }
        case "schedule_ended":
            line["schedule"] = .text(random.pick(["s1", "s2", "s9"]))
            line["last"] = .text(self.date())
        case "review":
            let outcome = random.pick(["continue", "amend", "suspend", "suspend", "stop"])
            line["outcome"] = .text(outcome)
            if outcome != "stop" && random.chance(95) || random.chance(5) {
                line["next_review"] = .text(random.chance(90) ? "2026-06-30" : date)
            }
        case "repayment_requested":
            let chosen = pot(pots.filter { $0.name != "notional" })
            line["repayment"] = .text(random.pick(["r1", "r2"]))
            line["amount"] = .text(amount(near: chosen?.held ?? 0))
            line["grounds"] = .text(random.pick(["surplus", "outside_plan", "not_needed", "fraud", "other"]))
            line["due"] = .text(random.chance(90) ? "2026-04-30" : "2025-04-01")
        default:  // repayment_waived
            let name = random.pick(["r1", "r2", "r9"])
            line["repayment"] = .text(name)
            if random.chance(50) { line["amount"] = .text(amount(near: budget?.care.outstanding(name) ?? 0)) }
            line["reason"] = .text("reconsidered")
        }
    }

    /// An amount around `reference` pence: exactly it, a penny over, below it, small, or the largest.
    private mutating func amount(near reference: Int64) -> String {
        let pence: Int64
        switch Int.random(in: 0..<100, using: &random) {
        case ..<25 where reference > 0: pence = reference
        case ..<35: pence = max(reference, 0) + 1
        case ..<50 where reference > 1: pence = Int64.random(in: 1..<reference, using: &random)
        case ..<55: pence = Self.largest
        default: pence = Int64.random(in: 1...200_000, using: &random)
        }
        return format(pence)
    }

    /// Pence as an amount, in one of the forms SPEC 2 allows ("12", "12.5", "12.50").
    private mutating func format(_ pence: Int64) -> String {
        let pounds = pence / 100, rest = pence % 100
        if rest == 0 && random.chance(50) { return "\(pounds)" }
        if rest % 10 == 0 && random.chance(50) { return "\(pounds).\(rest / 10)" }
        return "\(pounds).\(rest < 10 ? "0" : "")\(rest)"
    }

    private mutating func date() -> String {
        let month = Int.random(in: 1...12, using: &random)
        return "\(month >= 4 ? 2025 : 2026)-\(month < 10 ? "0" : "")\(month)-\(String(format2: Int.random(in: 1...28, using: &random)))"
    }

    // MARK: Wrong on purpose

    private mutating func injectDefect(into line: inout GeneratedLine) {
        let defects: [(inout GeneratedLine, inout SeededGenerator) -> Void] = [
            { line, random in line.fields.remove(at: Int.random(in: 0..<line.fields.count, using: &random)) },
            { line, _ in line["colour"] = .text("red") },
            { line, _ in line["type"] = .text("refund") },
            { line, random in line["amount"] = random.pick([.text("0"), .text("0.00"), .text("1.234"), .text("10000000000"), .text(".5"),
                                                             .text("5."), .text("-1"), .number("12.5")]) },
            { line, random in line["date"] = .text(random.pick(["2025-02-29", "2025-13-01", "25-04-01", "2025-4-1"])) },
            { line, _ in line["pot"] = .text("savings") },
            { line, _ in line["category"] = .text("Personal Care") },
            { line, _ in line["id"] = .text("") },
            { line, random in line["payee"] = .text(random.chance(50) ? "" : String(repeating: "x", count: 257)) },
            { line, _ in line["direction"] = .text("sideways") },
            { line, random in line["pots"] = .list(random.pick([["notional"], ["notional", "notional"], ["notional", "savings"]])) },
            { line, _ in line["period_start"] = .text("2027-01-01") },
            { line, _ in line["seq"] = .number("99") },  // an envelope field: ignored, not a defect
            { line, _ in line["seq"] = .text("99") },  // but of the wrong JSON type (SPEC 4.4)
            { line, _ in line["payee"] = .text("PA\u{85}Okafor") },  // a raw C1 control character: valid JSON
        ]
        defects[Int.random(in: 0..<defects.count, using: &random)](&line, &random)
    }

    private mutating func repost(from model: LedgerModel) -> GeneratedLine? {
        guard let id = model.recordedIDs.randomElement(using: &random) else { return nil }
        var line = model.recorded[id]!.line
        switch Int.random(in: 0..<5, using: &random) {
        case 0: line["recorded_at"] = .text("2026-01-01T00:00:00.000Z")  // envelope: still the same event
        case 1: if let amount = line.text("amount"), let pence = LedgerModel.pence(amount) { line["amount"] = .text(format(pence)) }
        case 2: line["date"] = .text(date())  // most likely different content: id_conflict
        case 3: line["note"] = .text("edited")
        default: break
        }
        return line
    }

    private mutating func malformed() -> GeneratedLine {
        GeneratedLine(malformed: random.pick([#"{"id":"e\#(step)","type":"#, "[1,2]", #"{"id":"x","id":"y"}"#, #""a string""#,
                                              #"{"id":"e\#(step)","amount":12.5.3}"#, "{", "}"]))
    }
}

private extension String {
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}
