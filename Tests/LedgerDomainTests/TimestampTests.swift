import Testing
import LedgerDomain

@Suite("Timestamp: RFC 3339 with milliseconds (SPEC 5 recorded_at)")
struct TimestampTests {
    @Test("RFC 3339 with milliseconds round-trips", arguments: [
        "2026-03-31T09:15:02.481Z", "1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z", "1969-12-31T23:59:59.999Z",
    ])
    func roundTrips(text: String) {
        #expect(Timestamp(rfc3339: text)?.description == text)
    }

    @Test func millisecondsAreExact() {
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:01.234Z")?.millisecondsSinceEpoch == 1234)
        #expect(Timestamp(rfc3339: "1969-12-31T23:59:59.999Z")?.millisecondsSinceEpoch == -1)
        #expect(Timestamp(millisecondsSinceEpoch: 1_774_948_502_481).description == "2026-03-31T09:15:02.481Z")
    }

    @Test("other forms are read into the same UTC instant", arguments: [
        ("2026-03-31T09:15:02Z", "2026-03-31T09:15:02.000Z"),
        ("2026-03-31T09:15:02.4Z", "2026-03-31T09:15:02.400Z"),
        ("2026-03-31t09:15:02.481z", "2026-03-31T09:15:02.481Z"),
        ("2026-03-31T10:15:02.481+01:00", "2026-03-31T09:15:02.481Z"),
        ("2026-03-31T00:30:00-01:00", "2026-03-31T01:30:00.000Z"),
        ("2026-03-31", "2026-03-31T23:59:59.999Z"),
    ])
    func normalises(text: String, utc: String) {
        #expect(Timestamp(rfc3339: text)?.description == utc)
    }

    @Test("malformed times are rejected", arguments: [
        "2026-03-31T24:00:00Z", "2026-03-31T09:60:00Z", "2026-03-31T09:15:02", "2026-03-31T09:15:02.Z",
        "2026-02-30T09:15:02Z", "2026-03-31T09:15:02+0100", "2026-03-31X09:15:02Z", "", "2026-03-31T09:15:02Zjunk",
    ])
    func rejectsInvalid(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }
}
