import LedgerDomain

/// The stored form of a budget's care plan (SPEC 9), inside its projection. Deterministic
/// (dictionaries written in byte order of their keys), so that `verify` compares it byte for byte.
enum CarePlanStateCodec {
    private static let potOrder: [Pot] = [.notional, .thirdParty, .directPayment]

    static func encode(_ plan: CarePlanState, into writer: inout ByteWriter) {
        writer.uint32(UInt32(plan.lines.count))
        for line in plan.lines {  // in first-posted order, which `plan` lists
            writer.string(line.name)
            writer.uint8(code(line.pot, potOrder))
            writer.string(line.category)
            writer.uint8(code(line.funding, Funding.allCases))
            writer.int64(line.planned.pence)
        }
        let commitmentLines = sorted(plan.commitmentLines)
        writer.uint32(UInt32(commitmentLines.count))
        for (commitment, line) in commitmentLines {
            writer.string(commitment)
            writer.string(line)
        }
        let schedules = sorted(plan.schedules)
        writer.uint32(UInt32(schedules.count))
        for (_, schedule) in schedules {
            writer.string(schedule.name)
            writer.uint8(code(schedule.kind, ScheduleKind.allCases))
            encodeOptionalString(schedule.organisation, into: &writer)
            encodeOptionalDate(schedule.endedLast, into: &writer)
            writer.uint32(UInt32(schedule.segments.count))
            for segment in schedule.segments {
                writer.int32(segment.first.daysSinceEpoch)
                writer.int64(segment.amount.pence)
                writer.uint8(code(segment.every, ScheduleFrequency.allCases))
                encodeOptionalDate(segment.last, into: &writer)
            }
        }
        writer.uint32(UInt32(plan.reviews.count))
        for review in plan.reviews {
            writer.int32(review.date.daysSinceEpoch)
            writer.uint8(code(review.outcome, ReviewOutcome.allCases))
            encodeOptionalDate(review.nextReview, into: &writer)
        }
        let requests = sorted(plan.requests)
        writer.uint32(UInt32(requests.count))
        for (_, request) in requests {
            writer.string(request.name)
            writer.uint8(code(request.pot, potOrder))
            writer.uint8(code(request.grounds, RepaymentGrounds.allCases))
            writer.int64(request.requested.pence)
            writer.int32(request.due.daysSinceEpoch)
            writer.int64(request.recovered.pence)
            writer.int64(request.waived.pence)
        }
    }

    static func decode(_ reader: inout ByteReader) throws(StoreError) -> CarePlanState {
        var plan = CarePlanState()
        for _ in 0..<Int(try reader.uint32()) {
            plan.setLine(name: try reader.string(), pot: try element(potOrder, reader.uint8()), category: try reader.string(),
                         funding: try element(Funding.allCases, reader.uint8()), planned: Money(pence: try reader.int64()))
        }
        for _ in 0..<Int(try reader.uint32()) {
            plan.commit(try reader.string(), line: try reader.string())
        }
        for _ in 0..<Int(try reader.uint32()) {
            let name = try reader.string()
            let kind = try element(ScheduleKind.allCases, reader.uint8())
            let organisation = try decodeOptionalString(&reader)
            let endedLast = try decodeOptionalDate(&reader)
            let segments = Int(try reader.uint32())
            guard segments > 0 else { throw .damaged("a stored schedule has no segment") }
            for _ in 0..<segments {
                let segment = Schedule.Segment(first: CalendarDate(daysSinceEpoch: try reader.int32()), amount: Money(pence: try reader.int64()),
                                               every: try element(ScheduleFrequency.allCases, reader.uint8()),
                                               last: try decodeOptionalDate(&reader))
                if let existing = plan.schedules[name], existing.segments.last!.first >= segment.first {
                    throw .damaged("a stored schedule's segments are out of order")
                }
                plan.setSchedule(name: name, kind: kind, organisation: organisation, segment: segment)
            }
            if let endedLast { plan.endSchedule(name: name, last: endedLast) }
        }
        for _ in 0..<Int(try reader.uint32()) {
            plan.review(ReviewRecord(date: CalendarDate(daysSinceEpoch: try reader.int32()),
                                     outcome: try element(ReviewOutcome.allCases, reader.uint8()),
                                     nextReview: try decodeOptionalDate(&reader)))
        }
        for _ in 0..<Int(try reader.uint32()) {
            var request = RepaymentRequest(name: try reader.string(), pot: try element(potOrder, reader.uint8()),
                                           grounds: try element(RepaymentGrounds.allCases, reader.uint8()),
                                           requested: Money(pence: try reader.int64()), due: CalendarDate(daysSinceEpoch: try reader.int32()))
            request.recovered = Money(pence: try reader.int64())
            request.waived = Money(pence: try reader.int64())
            plan.request(request)
        }
        return plan
    }

    static func encodeOptionalString(_ value: String?, into writer: inout ByteWriter) {
        writer.uint8(value == nil ? 0 : 1)
        if let value { writer.string(value) }
    }

    static func decodeOptionalString(_ reader: inout ByteReader) throws(StoreError) -> String? {
        try reader.uint8() == 1 ? try reader.string() : nil
    }

    private static func encodeOptionalDate(_ value: CalendarDate?, into writer: inout ByteWriter) {
        writer.uint8(value == nil ? 0 : 1)
        if let value { writer.int32(value.daysSinceEpoch) }
    }

    private static func decodeOptionalDate(_ reader: inout ByteReader) throws(StoreError) -> CalendarDate? {
        try reader.uint8() == 1 ? CalendarDate(daysSinceEpoch: try reader.int32()) : nil
    }

    private static func sorted<Value>(_ dictionary: [String: Value]) -> [(key: String, value: Value)] {
        dictionary.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    private static func code<T: Equatable>(_ value: T, _ table: [T]) -> UInt8 { UInt8(table.firstIndex(of: value)!) }

    private static func element<T>(_ table: [T], _ index: UInt8) throws(StoreError) -> T {
        guard Int(index) < table.count else { throw .damaged("a stored care plan holds an unknown code \(index)") }
        return table[Int(index)]
    }
}
