import LedgerDomain

/// One budget of a generated workload: just enough of its state (pots, money held elsewhere,
/// open commitments, recent payments) to write only events the rules accept, in the mix a
/// year of real budgets shows — payments dominant, then transfers, reconciliations,
/// commitments, allocations, recoveries and reversals (see Fixtures/year-2025-26.jsonl).
struct BudgetSimulation {
    let id: String
    let model: HoldingModel
    let pots: [Pot]
    /// Events this budget will get: spread over the year, and the size of its allocations.
    let plannedEvents: Int
    let number: Int
    private(set) var step = 0
    private var allocated: [Pot: Int64] = [:]
    private var transferred: [Pot: Int64] = [:]
    private var held: [Pot: Int64] = [:]
    private var committed: Int64 = 0
    private var spent: [Pot: Int64] = [:]
    private var commitments: [(id: String, open: Int64)] = []
    private var commitmentCount = 0
    private var reversible: [(id: String, pot: Pot, amount: Int64, commitment: String?)] = []

    static let yearStart = CalendarDate(year: 2025, month: 4, day: 1)!
    static let yearEnd = CalendarDate(year: 2026, month: 3, day: 31)!
    static let paymentMax: Int64 = 30_000

    init(number: Int, model: HoldingModel, plannedEvents: Int, random: inout some RandomNumberGenerator) {
        id = Self.id(number: number)
        self.number = number
        self.model = model
        self.plannedEvents = max(plannedEvents, 8)
        switch model {
        case .mixed:
            pots = Bool.random(using: &random) ? [.notional, .directPayment] : [.notional, .thirdParty, .directPayment]
        default:
            pots = [model.singlePot!]
        }
    }

    /// The budget's next event.
    mutating func next(random: inout some RandomNumberGenerator) -> Event {
        defer { step += 1 }
        let date = Self.yearStart.adding(days: Int32(min(364, step * 365 / plannedEvents)))
        if step == 0 { return opening(date) }
        if step <= pots.count { return allocation(of: pots[step - 1], date) }
        let pot = pots[step % pots.count]
        if pot.isHeldElsewhere {
            if held[pot, default: 0] < Self.paymentMax {
                // Transfers draw on the allocation; top it up first when it runs low.
                if allocated[pot, default: 0] - transferred[pot, default: 0] < Self.paymentMax { return allocation(of: pot, date) }
                return transfer(into: pot, date)
            }
            if step % 31 == 0 { return reconciliation(of: pot, date, random: &random) }
            if step % 97 == 0 { return recovery(from: pot, date) }
        } else {
            if notionalAvailable < Self.paymentMax * 2 { return allocation(of: pot, date) }
            if commitments.last.map({ $0.open < Self.paymentMax }) ?? true, step % 3 == 0 { return commitment(date) }
            if step % 211 == 0, let index = commitments.firstIndex(where: { $0.open > 10_000 }) {
                return release(commitments[index].id, date)
            }
        }
        if step % 149 == 0, !reversible.isEmpty { return reversal(date) }
        return payment(from: pot, date, random: &random)
    }

    private func event(_ kind: String, _ date: CalendarDate, _ body: EventBody, actor: String? = nil, note: String? = nil) -> Event {
        Event(id: "\(id)/\(date)/\(kind)-\(Self.padded(step, 7))", budget: id, date: date, actor: actor, note: note, body: body)
    }

    /// `nil` pot on single-model budgets, as people write them; named on mixed ones.
    private func named(_ pot: Pot) -> Pot? { model == .mixed ? pot : nil }

    private func opening(_ date: CalendarDate) -> Event {
        let opening = BudgetOpening(person: "P-" + Self.padded(number * 7919 % 100_000, 5), holdingModel: model,
                                    pots: model == .mixed ? pots : nil, periodStart: Self.yearStart, periodEnd: Self.yearEnd)
        return event("open", date, .budgetOpened(opening), actor: "phb.team@icb.nhs.uk", note: "Care and support plan agreed")
    }

    /// Notional money neither committed nor spent.
    private var notionalAvailable: Int64 { allocated[.notional, default: 0] - committed - spent[.notional, default: 0] }

    private mutating func allocation(of pot: Pot, _ date: CalendarDate) -> Event {
        // Enough for every payment the budget will make, with room to spare (topped up if not).
        let amount = Int64(plannedEvents) * Self.paymentMax * 2
        allocated[pot, default: 0] += amount
        return event("alloc", date, .allocation(pot: named(pot), amount: Money(pence: amount), direction: nil), actor: "finance.officer@icb.nhs.uk")
    }

    private mutating func transfer(into pot: Pot, _ date: CalendarDate) -> Event {
        let available = allocated[pot, default: 0] - transferred[pot, default: 0]
        let amount = min(available, Self.paymentMax * 40)
        transferred[pot, default: 0] += amount
        held[pot, default: 0] += amount
        let body: EventBody = pot == .thirdParty
            ? .thirdPartyTransfer(organisation: "Brightpath ISF Ltd", amount: Money(pence: amount))
            : .directPaymentTransfer(amount: Money(pence: amount))
        return event(pot == .thirdParty ? "tpt" : "dpt", date, body)
    }

    private mutating func commitment(_ date: CalendarDate) -> Event {
        commitmentCount += 1
        let commitment = "C-" + Self.padded(commitmentCount, 4)
        let amount = min(Self.paymentMax * 25, notionalAvailable / 2)
        commitments.append((commitment, amount))
        committed += amount
        return event("commit", date, .notionalCommitment(commitment: commitment, provider: "Northfield Home Care Ltd",
                                                          category: "personal_care", amount: Money(pence: amount)))
    }

    private mutating func release(_ commitment: String, _ date: CalendarDate) -> Event {
        let index = commitments.firstIndex { $0.id == commitment }!
        let amount = commitments[index].open / 2
        commitments[index].open -= amount
        committed -= amount
        return event("release", date, .commitmentRelease(commitment: commitment, amount: Money(pence: amount)))
    }

    private mutating func reconciliation(of pot: Pot, _ date: CalendarDate, random: inout some RandomNumberGenerator) -> Event {
        // Mostly balanced; now and then the statement is a little short.
        let statement = held[pot, default: 0] - (Int.random(in: 0..<5, using: &random) == 0 ? 250 : 0)
        return event("recon", date, .reconciliation(pot: named(pot), periodEnd: date, statementBalance: Money(pence: max(0, statement)),
                                                    periodStart: nil))
    }

    private mutating func recovery(from pot: Pot, _ date: CalendarDate) -> Event {
        let amount = Self.paymentMax / 3
        held[pot, default: 0] -= amount
        return event("recover", date, .recovery(pot: named(pot), amount: Money(pence: amount), reason: "unspent surplus over eight weeks"))
    }

    private mutating func reversal(_ date: CalendarDate) -> Event {
        let target = reversible.removeLast()
        if target.pot.isHeldElsewhere { held[target.pot, default: 0] += target.amount }
        if let commitment = target.commitment, let index = commitments.firstIndex(where: { $0.id == commitment }) {
            commitments[index].open += target.amount
            committed += target.amount
        }
        spent[target.pot, default: 0] -= target.amount
        return event("rev", date, .reversal(reverses: target.id, reason: "paid in error"), actor: "finance.officer@icb.nhs.uk")
    }

    private mutating func payment(from pot: Pot, _ date: CalendarDate, random: inout some RandomNumberGenerator) -> Event {
        let (payee, category) = Self.payees.randomElement(using: &random)!
        var amount = Int64.random(in: 500...Self.paymentMax, using: &random)
        var commitment: String?
        if pot.isHeldElsewhere {
            amount = min(amount, held[pot, default: 0])
            held[pot, default: 0] -= amount
        } else if let index = commitments.lastIndex(where: { $0.open >= amount }), step % 5 != 0 {
            commitment = commitments[index].id
            commitments[index].open -= amount
            committed -= amount
        }
        spent[pot, default: 0] += amount
        let payment = Payment(pot: commitment == nil ? named(pot) : nil, payee: payee, category: category, amount: Money(pence: amount),
                              commitment: commitment, reference: step % 4 == 0 ? "INV-" + Self.padded(step, 6) : nil)
        let event = event("pay", date, .payment(payment))
        if reversible.count < 8 { reversible.append((event.id, pot, amount, commitment)) }
        return event
    }

    static let payees: [(String, String)] = [
        ("PA J. Okafor", "personal_care"), ("PA M. Lewandowska", "personal_care"), ("Payroll Plus Ltd", "payroll_services"),
        ("City Taxis", "transport"), ("Active Lives Leisure Centre", "social_activities"), ("Riverside Physiotherapy", "physiotherapy"),
        ("Mind Matters Counselling", "therapy"), ("Mobility Aids Direct", "equipment"), ("Oak Lodge Respite", "respite"),
        ("Direct Payment Support Service", "support_management"),
    ]

    static func id(number: Int) -> String { "PHB-" + padded(number, 6) }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
