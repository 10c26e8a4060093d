/// The validated fields of one event, by name; a wrong access is a programming error.
/// Plain stored properties: decoding builds one for every posted line, so it holds no
/// dictionary or array, just the values.
struct FieldValues {
    var id, budget, actor, note, person, commitment, provider, category, organisation, payee, reference, reason, reverses: String?
    var line, description, schedule, repayment, cohort: String?
    var funding: Funding?
    var scheduleKind: ScheduleKind?
    var every: ScheduleFrequency?
    var outcome: ReviewOutcome?
    var grounds: RepaymentGrounds?
    var date, periodStart, periodEnd, first, last, nextReview, due: CalendarDate?
    var amount, statementBalance: Money?
    var pot: Pot?
    var pots: [Pot]?
    var matched: [String]?
    var holdingModel: HoldingModel?
    var direction: AllocationDirection?

    /// Stores a value validated under `field`'s rule (so of the kind that rule gives).
    mutating func set(_ field: FieldName, _ value: FieldValue) {
        switch (field, value) {
        case (.id, .text(let text)): id = text
        case (.budget, .text(let text)): budget = text
        case (.actor, .text(let text)): actor = text
        case (.note, .text(let text)): note = text
        case (.person, .text(let text)): person = text
        case (.commitment, .text(let text)): commitment = text
        case (.provider, .text(let text)): provider = text
        case (.category, .text(let text)): category = text
        case (.organisation, .text(let text)): organisation = text
        case (.payee, .text(let text)): payee = text
        case (.reference, .text(let text)): reference = text
        case (.reason, .text(let text)): reason = text
        case (.reverses, .text(let text)): reverses = text
        case (.line, .text(let text)): line = text
        case (.description, .text(let text)): description = text
        case (.schedule, .text(let text)): schedule = text
        case (.repayment, .text(let text)): repayment = text
        case (.cohort, .text(let text)): cohort = text
        case (.funding, .funding(let value)): funding = value
        case (.kind, .scheduleKind(let value)): scheduleKind = value
        case (.every, .frequency(let value)): every = value
        case (.outcome, .outcome(let value)): outcome = value
        case (.grounds, .grounds(let value)): grounds = value
        case (.first, .date(let value)): first = value
        case (.last, .date(let value)): last = value
        case (.nextReview, .date(let value)): nextReview = value
        case (.due, .date(let value)): due = value
        case (.date, .date(let value)): date = value
        case (.periodStart, .date(let value)): periodStart = value
        case (.periodEnd, .date(let value)): periodEnd = value
        case (.amount, .money(let value)): amount = value
        case (.statementBalance, .money(let value)): statementBalance = value
        case (.pot, .pot(let value)): pot = value
        case (.pots, .pots(let value)): pots = value
        case (.matched, .identifiers(let value)): matched = value
        case (.holdingModel, .holdingModel(let value)): holdingModel = value
        case (.direction, .direction(let value)): direction = value
        case (.type, _): break  // the kind is decided before the fields are read
        default: preconditionFailure("\(field.key) validated as \(value)")
        }
    }
}
