import Testing
import LedgerWorkload
@testable import LedgerDomain

/// Replay reads money movements straight from canonical bytes; it must read exactly what
/// decoding the whole event would give.
@Suite struct CanonicalMovementReaderTests {
    static func events() throws -> [Event] {
        try ["year-2025-26.jsonl", "golden/escapes-and-every-type.jsonl"].flatMap { try FixtureFiles.lines($0) }.compactMap { line in
            guard case .success(let event)? = (try? JSONParser.parse(line)).map(EventDecoder.decode) else { return nil }
            return event
        }
    }

    @Test func itReadsWhatDecodingGivesForEveryEventThatMovesMoney() throws {
        var read = 0
        for (index, event) in try Self.events().enumerated() {
            let envelope = Envelope(seq: UInt64(index + 1), version: 7, recordedAt: Timestamp(millisecondsSinceEpoch: 1_775_122_200_000))
            let bytes = EventEncoder.canonicalBytes(of: event, envelope: envelope)
            let reading = bytes.withUnsafeBytes(CanonicalMovementReader.read)
            guard let movement = Movement(event.body) else {
                #expect(reading == nil, "\(event.id) moves no money")
                continue
            }
            guard let reading else { continue }  // allowed to step aside (escaped commitment ids)
            read += 1
            #expect(reading.movement == movement, "\(event.id)")
            #expect(reading.date == event.date)
            #expect(String(decoding: bytes[reading.budget], as: UTF8.self) == event.budget)
        }
        #expect(read > 1_000)
    }

    @Test func damagedBytesAreLeftToTheFullDecoder() {
        let good = #"{"id":"p1","type":"payment","budget":"B","date":"2025-05-01","payee":"x","category":"c","amount":"1.00","seq":1,"version":1,"recorded_at":"2026-01-01T00:00:00.000Z"}"#
        #expect(Array(good.utf8).withUnsafeBytes(CanonicalMovementReader.read) != nil)
        for damaged in [good.replacingOccurrences(of: "1.00", with: "1.0x"), good.replacingOccurrences(of: "2025-05-01", with: "2025-13-01"),
                        good.replacingOccurrences(of: "\"amount\":\"1.00\",", with: ""), String(good.dropLast(60)),
                        good.replacingOccurrences(of: "payment", with: "paymemt")] {
            #expect(Array(damaged.utf8).withUnsafeBytes(CanonicalMovementReader.read) == nil, "\(damaged)")
        }
    }
}

extension CanonicalMovementReaderTests {
    @Test func theEnvelopeIsReadBackFromTheEndOfTheCanonicalBytes() throws {
        var random = SeededRandom(seed: 5)
        for event in try Self.events() {
            let envelope = Envelope(seq: UInt64.random(in: 0...UInt64.max, using: &random) >> UInt64.random(in: 0...63, using: &random),
                                    version: UInt64.random(in: 1...100_000, using: &random),
                                    recordedAt: Timestamp(millisecondsSinceEpoch: Int64.random(in: 0...4_000_000_000_000, using: &random)))
            let bytes = EventEncoder.canonicalBytes(of: event, envelope: envelope)
            #expect(bytes.withUnsafeBytes { Envelope(canonicalBytes: $0) } == envelope)
        }
        let largest = #"{"id":"x","seq":18446744073709551615,"version":1,"recorded_at":"2026-01-01T00:00:00.000Z"}"#
        #expect(Array(largest.utf8).withUnsafeBytes { Envelope(canonicalBytes: $0) }?.seq == UInt64.max)
        for damaged in [#"{"id":"x","seq":01,"version":1,"recorded_at":"2026-01-01T00:00:00.000Z"}"#,
                        #"{"id":"x","seq":1,"version":1,"recorded_at":"2026-01-01T00:00:00.000Z","#,
                        #"{"id":"x","seq":1,"versions":1,"recorded_at":"2026-01-01T00:00:00.000Z"}"#,
                        // One past the largest seq, and twenty nines: digits that do not fit are not a seq.
                        #"{"id":"x","seq":18446744073709551616,"version":1,"recorded_at":"2026-01-01T00:00:00.000Z"}"#,
                        #"{"id":"x","seq":1,"version":99999999999999999999,"recorded_at":"2026-01-01T00:00:00.000Z"}"#,
                        #"{"id":"x","seq":1,"version":1,"recorded_at":"2026-01-01T00:00:6x.000Z"}"#] {
            #expect(Array(damaged.utf8).withUnsafeBytes { Envelope(canonicalBytes: $0) } == nil, "\(damaged)")
        }
    }
}
