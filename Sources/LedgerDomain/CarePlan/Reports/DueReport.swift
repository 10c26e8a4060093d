/// `due --to D [--budget B]` (SPEC 9): the instalments of open budgets' schedules dated on or
/// before D that are not in the ledger yet, leaving out direct payments on days they are stopped.
public struct DueReport: Equatable, Sendable {
    public struct Instalment: Equatable, Sendable {
        public let budget: String
        public let schedule: String
        public let kind: ScheduleKind
        public let organisation: String?
        public let date: CalendarDate
        public let amount: Money

        /// `schedule:BUDGET:SCHEDULE:DATE`.
        public var id: String { Schedule.instalmentID(budget: budget, schedule: schedule, date: date) }

        /// The transfer event the instalment is, as `due --post` posts it.
        public var event: Event {
            let body: EventBody = switch kind {
            case .directPaymentTransfer: .directPaymentTransfer(amount: amount)
            case .thirdPartyTransfer: .thirdPartyTransfer(organisation: organisation ?? "", amount: amount)
            }
            return Event(id: id, budget: budget, date: date, body: body)
        }

        /// The event as one JSON object in canonical field order: a line `post` accepts.
        public var eventJSON: [UInt8] {
            var writer = JSONWriter()
            writer.beginObject()
            EventEncoder.writeFields(of: event, into: &writer)
            writer.endObject()
            return writer.bytes
        }
    }

    public let to: CalendarDate
    /// By date, then budget, then schedule name (byte order).
    public let instalments: [Instalment]

    /// - Parameter isRecorded: whether an event of this id is in the ledger.
    public init(to date: CalendarDate, budgets: [CarePlanBudget], isRecorded: (String) throws -> Bool) rethrows {
        var found: [Instalment] = []
        for budget in budgets where !budget.isClosed {
            for schedule in budget.carePlan.schedules.values {
                for (day, amount) in schedule.instalments(through: date, periodEnd: budget.opening.periodEnd) {
                    if schedule.kind == .directPaymentTransfer && budget.carePlan.paymentsStopped(on: day) { continue }
                    let instalment = Instalment(budget: budget.budget, schedule: schedule.name, kind: schedule.kind,
                                                organisation: schedule.organisation, date: day, amount: amount)
                    if try isRecorded(instalment.id) { continue }
                    found.append(instalment)
                }
            }
        }
        to = date
        instalments = found.sorted { left, right in
            if left.date != right.date { return left.date < right.date }
            if left.budget != right.budget { return String.precedesInBytes(left.budget, right.budget) }
            return String.precedesInBytes(left.schedule, right.schedule)
        }
    }

    /// The sum of the instalments; nil if it would not fit in 64-bit pence.
    public var total: Money? {
        instalments.reduce(Money.zero as Money?) { sum, instalment in sum?.adding(instalment.amount) }
    }

    /// `due --json`: each instalment as its event (canonical field order), then
    /// `{"due":N,"amount":"…"}`, each followed by a newline. Nil if the total would not fit.
    public var jsonLines: [UInt8]? {
        guard let total else { return nil }
        var bytes: [UInt8] = []
        for instalment in instalments { bytes += instalment.eventJSON + [UInt8(ascii: "\n")] }
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("due", instalments.count)
        writer.field("amount", total)
        writer.endObject()
        return bytes + writer.bytes + [UInt8(ascii: "\n")]
    }
}
