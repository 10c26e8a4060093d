import Testing
import LedgerDomain

/// EventEncoder writes the canonical form the hash chain is computed over: keys in SPEC 2's
/// order, optional fields only when posted, amounts with two decimals, compact.
@Suite("EventEncoder: canonical form")
struct EncoderTests {
    private func decode(_ line: String) throws -> Event {
        try EventDecoder.decode(line: Array(line.utf8)).get()
    }

    private func canonical(_ line: String) throws -> String {
        var writer = JSONWriter()
        writer.beginObject()
        EventEncoder.writeFields(of: try decode(line), into: &writer)
        writer.endObject()
        return writer.text
    }

    /// One posted line of each type (fields shuffled, amounts loosely written), and its canonical form.
    static let cases: [(posted: String, canonical: String)] = [
        (#"{"period_end":"2026-03-31","pots":["direct_payment","notional"],"holding_model":"mixed","person":"P-9","period_start":"2025-04-01","note":"n","actor":"a","date":"2025-04-01","budget":"PHB-1","type":"budget_opened","id":"open"}"#,
         #"{"id":"open","type":"budget_opened","budget":"PHB-1","date":"2025-04-01","person":"P-9","holding_model":"mixed","pots":["direct_payment","notional"],"period_start":"2025-04-01","period_end":"2026-03-31","actor":"a","note":"n"}"#),
        (#"{"id":"open","type":"budget_opened","budget":"PHB-1","date":"2025-04-01","period_end":"2026-03-31","period_start":"2025-04-01","holding_model":"notional","person":"P-9"}"#,
         #"{"id":"open","type":"budget_opened","budget":"PHB-1","date":"2025-04-01","person":"P-9","holding_model":"notional","period_start":"2025-04-01","period_end":"2026-03-31"}"#),
        (#"{"direction":"decrease","amount":"12.5","pot":"notional","id":"a","type":"allocation","budget":"PHB-1","date":"2025-04-01"}"#,
         #"{"id":"a","type":"allocation","budget":"PHB-1","date":"2025-04-01","pot":"notional","amount":"12.50","direction":"decrease"}"#),
        (#"{"id":"a","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"7"}"#,
         #"{"id":"a","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"7.00"}"#),
        (#"{"id":"c","type":"notional_commitment","budget":"PHB-1","date":"2025-04-01","amount":"19140","category":"personal_care","provider":"Carewell","commitment":"PO-1"}"#,
         #"{"id":"c","type":"notional_commitment","budget":"PHB-1","date":"2025-04-01","commitment":"PO-1","provider":"Carewell","category":"personal_care","amount":"19140.00"}"#),
        (#"{"id":"r","type":"commitment_release","budget":"PHB-1","date":"2025-04-01","amount":"0.1","commitment":"PO-1"}"#,
         #"{"id":"r","type":"commitment_release","budget":"PHB-1","date":"2025-04-01","commitment":"PO-1","amount":"0.10"}"#),
        (#"{"id":"r","type":"commitment_release","budget":"PHB-1","date":"2025-04-01","commitment":"PO-1"}"#,
         #"{"id":"r","type":"commitment_release","budget":"PHB-1","date":"2025-04-01","commitment":"PO-1"}"#),
        (#"{"id":"t","type":"third_party_transfer","budget":"PHB-1","date":"2025-04-01","amount":"300","organisation":"Brightpath ISF Ltd"}"#,
         #"{"id":"t","type":"third_party_transfer","budget":"PHB-1","date":"2025-04-01","organisation":"Brightpath ISF Ltd","amount":"300.00"}"#),
        (#"{"id":"d","type":"direct_payment_transfer","budget":"PHB-1","date":"2025-04-01","amount":"0.5"}"#,
         #"{"id":"d","type":"direct_payment_transfer","budget":"PHB-1","date":"2025-04-01","amount":"0.50"}"#),
        (#"{"reference":"INV-7","commitment":"PO-1","amount":"48.8","category":"personal_care","payee":"Carewell","pot":"notional","note":"n","actor":"a","date":"2025-04-26","budget":"PHB-1","type":"payment","id":"p"}"#,
         #"{"id":"p","type":"payment","budget":"PHB-1","date":"2025-04-26","pot":"notional","payee":"Carewell","category":"personal_care","amount":"48.80","commitment":"PO-1","reference":"INV-7","actor":"a","note":"n"}"#),
        (#"{"id":"p","type":"payment","budget":"PHB-1","date":"2025-04-26","amount":"1","category":"transport","payee":"A2B Cars"}"#,
         #"{"id":"p","type":"payment","budget":"PHB-1","date":"2025-04-26","payee":"A2B Cars","category":"transport","amount":"1.00"}"#),
        (#"{"id":"v","type":"recovery","budget":"PHB-1","date":"2025-04-01","reason":"Surplus","amount":"100","pot":"direct_payment"}"#,
         #"{"id":"v","type":"recovery","budget":"PHB-1","date":"2025-04-01","pot":"direct_payment","amount":"100.00","reason":"Surplus"}"#),
        (#"{"id":"q","type":"reconciliation","budget":"PHB-1","date":"2025-05-06","period_start":"2025-04-01","statement_balance":"0","period_end":"2025-04-30","pot":"third_party"}"#,
         #"{"id":"q","type":"reconciliation","budget":"PHB-1","date":"2025-05-06","pot":"third_party","period_end":"2025-04-30","statement_balance":"0.00","period_start":"2025-04-01"}"#),
        (#"{"id":"x","type":"reversal","budget":"PHB-1","date":"2025-04-01","reason":"Entered in error","reverses":"p"}"#,
         #"{"id":"x","type":"reversal","budget":"PHB-1","date":"2025-04-01","reverses":"p","reason":"Entered in error"}"#),
        (#"{"note":"Year end","id":"z","type":"budget_closed","budget":"PHB-1","date":"2026-03-31"}"#,
         #"{"id":"z","type":"budget_closed","budget":"PHB-1","date":"2026-03-31","note":"Year end"}"#),
        // SPEC 9: the new types' fields in the order of its table; the new optional fields after
        // an old type's own fields (line after reference or amount, repayment after reason,
        // cohort after period_end).
        (#"{"funding":"joint","description":"Calls","amount":"0","category":"personal_care","pot":"notional","line":"care","id":"pl","type":"plan_line","budget":"PHB-1","date":"2025-04-01"}"#,
         #"{"id":"pl","type":"plan_line","budget":"PHB-1","date":"2025-04-01","line":"care","pot":"notional","category":"personal_care","amount":"0.00","description":"Calls","funding":"joint"}"#),
        (#"{"organisation":"ISF","last":"2026-03-31","first":"2025-04-07","every":"2_weeks","amount":"100","kind":"third_party_transfer","schedule":"s","id":"ss","type":"schedule_set","budget":"PHB-1","date":"2025-04-01"}"#,
         #"{"id":"ss","type":"schedule_set","budget":"PHB-1","date":"2025-04-01","schedule":"s","kind":"third_party_transfer","amount":"100.00","every":"2_weeks","first":"2025-04-07","last":"2026-03-31","organisation":"ISF"}"#),
        (#"{"last":"2025-06-30","schedule":"s","id":"se","type":"schedule_ended","budget":"PHB-1","date":"2025-06-01"}"#,
         #"{"id":"se","type":"schedule_ended","budget":"PHB-1","date":"2025-06-01","schedule":"s","last":"2025-06-30"}"#),
        (#"{"next_review":"2026-04-01","outcome":"continue","id":"rv","type":"review","budget":"PHB-1","date":"2025-07-01"}"#,
         #"{"id":"rv","type":"review","budget":"PHB-1","date":"2025-07-01","outcome":"continue","next_review":"2026-04-01"}"#),
        (#"{"due":"2025-07-31","grounds":"surplus","amount":"50","pot":"direct_payment","repayment":"r","id":"rq","type":"repayment_requested","budget":"PHB-1","date":"2025-07-01"}"#,
         #"{"id":"rq","type":"repayment_requested","budget":"PHB-1","date":"2025-07-01","repayment":"r","pot":"direct_payment","amount":"50.00","grounds":"surplus","due":"2025-07-31"}"#),
        (#"{"reason":"Reconsidered","amount":"5.5","repayment":"r","id":"rw","type":"repayment_waived","budget":"PHB-1","date":"2025-07-02"}"#,
         #"{"id":"rw","type":"repayment_waived","budget":"PHB-1","date":"2025-07-02","repayment":"r","amount":"5.50","reason":"Reconsidered"}"#),
        (#"{"line":"care","reference":"INV-1","payee":"PA","category":"personal_care","amount":"7","pot":"direct_payment","id":"pc","type":"payment","budget":"PHB-1","date":"2025-04-02"}"#,
         #"{"id":"pc","type":"payment","budget":"PHB-1","date":"2025-04-02","pot":"direct_payment","payee":"PA","category":"personal_care","amount":"7.00","reference":"INV-1","line":"care"}"#),
        (#"{"line":"care","amount":"9","category":"personal_care","provider":"Care Co","commitment":"C9","id":"cc","type":"notional_commitment","budget":"PHB-1","date":"2025-04-02"}"#,
         #"{"id":"cc","type":"notional_commitment","budget":"PHB-1","date":"2025-04-02","commitment":"C9","provider":"Care Co","category":"personal_care","amount":"9.00","line":"care"}"#),
        (#"{"repayment":"r","reason":"Part","amount":"3","pot":"direct_payment","id":"vr","type":"recovery","budget":"PHB-1","date":"2025-07-03"}"#,
         #"{"id":"vr","type":"recovery","budget":"PHB-1","date":"2025-07-03","pot":"direct_payment","amount":"3.00","reason":"Part","repayment":"r"}"#),
        (#"{"cohort":"continuing_healthcare","period_end":"2026-03-31","period_start":"2025-04-01","holding_model":"notional","person":"P-1","id":"oc","type":"budget_opened","budget":"PHB-9","date":"2025-04-01"}"#,
         #"{"id":"oc","type":"budget_opened","budget":"PHB-9","date":"2025-04-01","person":"P-1","holding_model":"notional","period_start":"2025-04-01","period_end":"2026-03-31","cohort":"continuing_healthcare"}"#),
    ]

    @Test("every event type has one canonical form", arguments: cases)
    func canonicalForm(posted: String, canonical expected: String) throws {
        #expect(try canonical(posted) == expected)
        #expect(try canonical(expected) == expected, "the canonical form is a fixed point")
    }

    @Test("decode(encode(event)) == event for every event type", arguments: cases)
    func roundTrip(posted: String, canonical _: String) throws {
        let event = try decode(posted)
        #expect(try decode(try canonical(posted)) == event)
    }

    @Test func everyEventTypeIsCovered() throws {
        let kinds = try Set(Self.cases.map { try decode($0.posted).kind })
        #expect(kinds == Set(EventKind.allCases))
    }

    @Test func envelopeFieldsArePostedButNotKept() throws {
        let exported = #"{"id":"d","type":"direct_payment_transfer","budget":"PHB-1","date":"2025-04-01","amount":"5","seq":9,"version":3,"recorded_at":"2026-04-01T09:30:00.123Z","hash":"ab"}"#
        #expect(try canonical(exported) == #"{"id":"d","type":"direct_payment_transfer","budget":"PHB-1","date":"2025-04-01","amount":"5.00"}"#)
    }

    @Test func canonicalBytesEndWithTheEnvelope() throws {
        let event = try decode(#"{"id":"d","type":"direct_payment_transfer","budget":"PHB-1","date":"2025-04-01","amount":"5"}"#)
        let envelope = Envelope(seq: 7, version: 3, recordedAt: try #require(Timestamp(rfc3339: "2026-04-01T09:30:00.123Z")))
        #expect(String(decoding: EventEncoder.canonicalBytes(of: event, envelope: envelope), as: UTF8.self)
            == #"{"id":"d","type":"direct_payment_transfer","budget":"PHB-1","date":"2025-04-01","amount":"5.00","seq":7,"version":3,"recorded_at":"2026-04-01T09:30:00.123Z"}"#)
    }

    @Test func textIsEscapedOnceAndNonASCIIKeptAsIs() throws {
        // SPEC 4.4 refuses control characters in text, so none is posted here any more.
        let posted = #"{"id":"z","type":"budget_closed","budget":"PHB-1","date":"2026-03-31","note":"He said \"done\" \\ a\/b caf\u00e9 😀\u00a0"}"#
        let expected = #"{"id":"z","type":"budget_closed","budget":"PHB-1","date":"2026-03-31","note":"He said \"done\" \\ a/b café 😀\#u{A0}"}"#
        #expect(try canonical(posted) == expected)
        #expect(try decode(expected).note == "He said \"done\" \\ a/b café 😀\u{A0}")
    }
}
