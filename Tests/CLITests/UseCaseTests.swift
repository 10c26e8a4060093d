import Foundation
import Testing
import LedgerApplication
import LedgerDomain
import LedgerStore

/// The use cases an embedding program or the HTTP service calls, on the fixture year: the
/// answers the command line prints come from these same calls (the CLI tests hold those bytes).
@Suite("use cases: answers and typed errors")
struct UseCaseTests {
    @Test("export pages, read one after another, are the whole export; a page holds at most its limit")
    func exportPages() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let ledger = try Ledger.open(at: cli.directory, readOnly: true)
        var lines: [String] = []
        var since: UInt64? = 0
        var pages = 0
        while let from = since {
            let page = try ledger.exportPage(sinceSeq: from, limit: 100)
            #expect(page.events.count <= 100)
            lines += page.events.map { String(decoding: $0.exportLine, as: UTF8.self) }
            since = page.nextSinceSeq
            pages += 1
        }
        #expect(lines.joined(separator: "\n") + "\n" == cli.run("export").stdout)
        #expect(pages == (lines.count + 99) / 100)
        #expect(try ledger.exportPage(sinceSeq: try ledger.eventCount()).events.isEmpty)
    }

    @Test("questions the ledger cannot answer are typed errors")
    func typedErrors() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let ledger = try Ledger.open(at: cli.directory, readOnly: true)
        let last = try ledger.eventCount()
        #expect(throws: ApplicationError.noSuchBudget("PHB-9999", inView: false)) { try ledger.balance(of: "PHB-9999") }
        #expect(throws: ApplicationError.noSuchBudget("PHB-0005", inView: true)) {
            try ledger.balance(of: "PHB-0005", view: ViewFilter(asOfSeq: 1))
        }
        #expect(throws: ApplicationError.noSuchBudget("PHB-9999", inView: false)) { try ledger.auditTrail(of: "PHB-9999") }
        #expect(throws: StoreError.beyondLastEvent(requested: last + 1, last: last)) { try ledger.digest(asOfSeq: last + 1) }
        let day = CalendarDate(iso: "2026-03-31")!
        #expect(throws: ApplicationError.periodStartsAfterEnd(start: day, end: day.adding(days: -1))) {
            try ledger.commissionerReport(from: day, to: day.adding(days: -1))
        }
        #expect(throws: ApplicationError.surplusWeeksOutOfRange(Surplus.weeksMax + 1)) {
            try ledger.balanceSheet(surplusWeeks: Surplus.weeksMax + 1)
        }
        let statement = try Statement.parse(Array("Date,Description,Amount\r\n2026-03-01,X,-1.00\r\n".utf8))
        #expect(throws: ApplicationError.reconciliation(.potNotInBudget(budget: "PHB-0005", pot: .thirdParty, pots: [.directPayment]))) {
            try ledger.reconcile(ReconciliationRequest(budget: "PHB-0005", pot: .thirdParty, statement: statement, periodEnd: day))
        }
        #expect(throws: ApplicationError.periodEndsBeforeBudgetStarts(budget: "PHB-0005", end: CalendarDate(iso: "2025-01-31")!,
                                                                        budgetStart: CalendarDate(iso: "2025-04-01")!)) {
            try ledger.reconcile(ReconciliationRequest(budget: "PHB-0005", pot: .directPayment, statement: statement,
                                                       periodEnd: CalendarDate(iso: "2025-01-31")!))
        }
    }

    @Test("a reconciliation that cannot be computed writes nothing, even through reconcile-and-post")
    func failedReconcileAndPostWritesNothing() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let ledger = try Ledger.open(at: cli.directory)
        let before = try ledger.eventCount()
        let statement = try Statement.parse(Array("Date,Description,Amount\r\n2026-03-01,X,-1.00\r\n".utf8))
        #expect(throws: ApplicationError.self) {
            try ledger.reconcileAndPost(ReconciliationRequest(budget: "PHB-0005", pot: .thirdParty, statement: statement,
                                                              periodEnd: CalendarDate(iso: "2026-03-31")!))
        }
        #expect(try ledger.eventCount() == before)
    }
}
