import Foundation
import Testing

/// The outputs of SPEC 6.1, 6.2 and 6.3, byte for byte, through the real executable.
@Suite struct ContractOutputTests {
    static let events = """
    {"id":"o1","type":"budget_opened","budget":"PHB-1","date":"2025-04-01","person":"P-9","holding_model":"mixed","pots":["notional","direct_payment"],"period_start":"2025-04-01","period_end":"2026-03-31","actor":"a.patel@icb.nhs.uk"}
    {"id":"a1","type":"allocation","budget":"PHB-1","date":"2025-04-01","pot":"notional","amount":"1000"}
    {"id":"a2","type":"allocation","budget":"PHB-1","date":"2025-04-01","pot":"direct_payment","amount":"500.5"}
    {"id":"c1","type":"notional_commitment","budget":"PHB-1","date":"2025-04-02","commitment":"C1","provider":"Carewell Homecare Ltd","category":"personal_care","amount":"300"}
    {"id":"p1","type":"payment","budget":"PHB-1","date":"2025-04-10","commitment":"C1","payee":"Carewell Homecare Ltd","category":"personal_care","amount":"100"}
    {"id":"t1","type":"direct_payment_transfer","budget":"PHB-1","date":"2025-04-03","amount":"400"}
    {"id":"p2","type":"payment","budget":"PHB-1","date":"2025-04-12","pot":"direct_payment","payee":"PA J. Okafor","category":"personal_care","amount":"50","reference":"INV-7"}
    {"id":"r1","type":"reconciliation","budget":"PHB-1","date":"2025-04-30","pot":"direct_payment","period_end":"2025-04-11","statement_balance":"388"}
    {"id":"v1","type":"reversal","budget":"PHB-1","date":"2025-04-15","reverses":"p1","reason":"invoiced twice"}

    """

    @Test func postJSONPrintsOneObjectPerLineThenTheSummary() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let result = try cli.run(["post", "--json"], input: Self.events + #"{"id":"x1","type":"payment","budget":"PHB-1","date":"2025-04-12","pot":"direct_payment","payee":"PA","category":"alcohol","amount":"5"}"# + "\n")
        #expect(result.status == 3)
        #expect(result.lines == [
            #"{"line":1,"id":"o1","status":"accepted"}"#,
            #"{"line":2,"id":"a1","status":"accepted"}"#,
            #"{"line":3,"id":"a2","status":"accepted"}"#,
            #"{"line":4,"id":"c1","status":"accepted"}"#,
            #"{"line":5,"id":"p1","status":"accepted"}"#,
            #"{"line":6,"id":"t1","status":"accepted"}"#,
            #"{"line":7,"id":"p2","status":"accepted"}"#,
            #"{"line":8,"id":"r1","status":"accepted"}"#,
            #"{"line":9,"id":"v1","status":"accepted"}"#,
            #"{"line":10,"id":"x1","status":"rejected","code":"excluded_category","message":"\"alcohol\" may never be bought with a personal health budget"}"#,
            #"{"accepted":9,"duplicates":0,"rejected":1,"written":0}"#,
        ])
        let written = try cli.run(["post", "--json"], input: Self.events)
        #expect(written.status == 0)
        #expect(written.lines.first == #"{"line":1,"id":"o1","status":"accepted","seq":1}"#)
        #expect(written.lines.last == #"{"accepted":9,"duplicates":0,"rejected":0,"written":9}"#)
        let again = try cli.run(["post", "--json"], input: Self.events)
        #expect(again.lines.first == #"{"line":1,"id":"o1","status":"duplicate"}"#)
        #expect(again.lines.last == #"{"accepted":0,"duplicates":9,"rejected":0,"written":0}"#)
    }

    @Test func balanceJSONIsTheObjectOfSection62() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["post"], input: Self.events)
        let result = try cli.run(["balance", "PHB-1", "--json"])
        #expect(result.status == 0)
        #expect(result.standardOutput == #"{"budget":"PHB-1","holding_model":"mixed","status":"open","person":"P-9","version":9,"totals":{"allocated":"1500.50","committed":"300.00","spent":"50.00","recovered":"0.00","remaining":"1150.50"},"pots":{"notional":{"allocated":"1000.00","committed":"300.00","spent":"0.00","available":"700.00","remaining":"700.00","open_commitments":1},"direct_payment":{"allocated":"500.50","transferred":"400.00","spent":"50.00","recovered":"0.00","held":"350.00","available":"100.50","remaining":"450.50","unreconciled":{"count":1,"amount":"50.00"},"last_reconciliation":{"period_end":"2025-04-11","expected":"400.00","statement_balance":"388.00","variance":"-12.00","status":"discrepancy"}}}}"# + "\n")
        // As the books stood on 11 April: the payment against C1 counts, its reversal (15 April) does not.
        let asOf = try cli.run(["balance", "PHB-1", "--json", "--as-of-date", "2025-04-11"])
        #expect(asOf.standardOutput.contains(#""notional":{"allocated":"1000.00","committed":"200.00","spent":"100.00","available":"700.00","remaining":"700.00","open_commitments":1}"#))
        #expect(asOf.standardOutput.contains(#""version":6,"#))
        let firstThree = try cli.run(["balances", "--json", "--as-of-seq", "3"])
        #expect(firstThree.standardOutput.hasPrefix(#"{"budget":"PHB-1","holding_model":"mixed","status":"open","person":"P-9","version":3,"totals":{"allocated":"1500.50","#))
    }

    @Test func auditJSONGivesEachEventAsPostedWithItsEnvelopeHashAndTotalsAfter() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        try cli.run(["post"], input: Self.events)
        let audit = try cli.run(["audit", "PHB-1", "--json"])
        #expect(audit.status == 0)
        #expect(audit.lines.count == 9)
        let export = try cli.run(["export"]).lines
        // audit = export line + "after"; the first event chains from 32 zero bytes.
        let first = try #require(audit.lines.first)
        #expect(first.hasPrefix(#"{"id":"o1","type":"budget_opened","budget":"PHB-1","date":"2025-04-01","person":"P-9","holding_model":"mixed","pots":["notional","direct_payment"],"period_start":"2025-04-01","period_end":"2026-03-31","actor":"a.patel@icb.nhs.uk","seq":1,"version":1,"recorded_at":"2026-04-02T09:30:00.000Z","hash":""#))
        for (auditLine, exportLine) in zip(audit.lines, export) {
            #expect(auditLine.hasPrefix(String(exportLine.dropLast())))
        }
        #expect(audit.lines[4].hasSuffix(#","after":{"allocated":"1500.50","committed":"200.00","spent":"100.00","recovered":"0.00","remaining":"1200.50"}}"#))
        #expect(audit.lines[8].hasSuffix(#","after":{"allocated":"1500.50","committed":"300.00","spent":"50.00","recovered":"0.00","remaining":"1150.50"}}"#))
    }
}
