import Foundation
import LedgerApplication
import LedgerDomain
import LedgerRendering
import LedgerStore
import Testing
import TestSupport

/// Issue 9's property: whatever Unicode text fills every text field (prepend and combining
/// marks, bidi marks and overrides, quotes, commas, characters that start formulas), the audit
/// page and every web page have exactly the tags they have with plain text, every CSV output parses back to its
/// header's number of columns with no text cell that a spreadsheet would take for a formula,
/// and nothing shown on a terminal holds a control character or a bidi override.
@Suite("hostile text in every field")
struct HostileTextPropertyTests {
    /// Scalars that broke, or could break, an output. No control characters: SPEC 4.4 refuses
    /// them in events (statements may hold them, see `statementPieces`).
    static let pieces: [String] = [
        "\u{0600}", "\u{0605}", "\u{06DD}", "\u{070F}", "\u{0301}", "\u{20DD}", "\u{200F}", "\u{202E}", "\u{2067}", "\u{FEFF}",
        "<", ">", "&", "\"", "'", ",", "=", "+", "-", "@", ";", "/", "\\", "|", " ", "a", "Z", "7", "é", "日", "😀",
        "<img src=x onerror=alert(1)>", "&amp;", "</td>",
    ]
    static let statementPieces = pieces + ["\r", "\n", "\r\n", "\t", "\u{1B}[2J", "\u{07}"]
    /// Event and commitment ids are printable ASCII, budget ids `A-Z a-z 0-9 . _ -` (SPEC 2): still room for a formula.
    static let idPieces = pieces.filter { $0.utf8.allSatisfy { (0x20...0x7E).contains($0) } }
    static let budgetPieces = ["-", ".", "_", "a", "Z", "7"]

    static func text(_ random: inout SeededGenerator, from pool: [String] = pieces) -> String {
        (0..<Int.random(in: 1...6, using: &random)).map { _ in random.pick(pool) }.joined()
    }

    /// One budget (mixed: notional and direct payment) with an event of each kind that carries
    /// text; `name` gives each text field's value.
    static func events(_ name: (String) -> String) -> String {
        func line(_ fields: [(String, String)]) -> String {
            var writer = JSONWriter()
            writer.beginObject()
            for (key, value) in fields { writer.field(key, value) }
            writer.endObject()
            return writer.text
        }
        let budget = name("budget")
        func common(_ id: String, _ type: String, _ date: String) -> [(String, String)] {
            [("id", name(id) + "#" + id), ("type", type), ("budget", budget), ("date", date)]
        }
        let opening = common("o", "budget_opened", "2025-04-01") + [("person", name("person")), ("holding_model", "mixed")]
        var openingLine = line(opening + [("period_start", "2025-04-01"), ("period_end", "2026-03-31"), ("actor", name("actor")), ("note", name("note"))])
        openingLine.insert(contentsOf: #","pots":["notional","direct_payment"]"#, at: openingLine.index(before: openingLine.endIndex))
        return [
            openingLine,
            line(common("a", "allocation", "2025-04-01") + [("pot", "notional"), ("amount", "1000"), ("actor", name("actor"))]),
            line(common("b", "allocation", "2025-04-01") + [("pot", "direct_payment"), ("amount", "800")]),
            line(common("c", "notional_commitment", "2025-04-02") + [("commitment", name("commitment")), ("provider", name("provider")),
                                                                     ("category", name("category")), ("amount", "300")]),
            line(common("p", "payment", "2025-04-10") + [("commitment", name("commitment")), ("payee", name("payee")),
                                                         ("category", name("category")), ("amount", "100"), ("reference", name("reference"))]),
            line(common("t", "direct_payment_transfer", "2025-04-03") + [("amount", "400"), ("note", name("note"))]),
            line(common("q", "payment", "2025-04-12") + [("pot", "direct_payment"), ("payee", name("payee")), ("category", name("category")),
                                                         ("amount", "50"), ("reference", name("reference"))]),
            line(common("r", "recovery", "2025-04-20") + [("pot", "direct_payment"), ("amount", "20"), ("reason", name("reason"))]),
            line(common("v", "reversal", "2025-04-25") + [("reverses", name("q") + "#q"), ("reason", name("reason"))]),
        ].joined(separator: "\n")
    }

    /// A statement CSV of the direct payment account whose descriptions and references are
    /// `description(n)`, written with every field quoted.
    static func statement(_ description: (Int) -> String) -> [UInt8] {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var text = "date,description,amount,reference\n"
        for (index, amount) in ["400.00", "-50.00", "-12.34", "20.00"].enumerated() {
            text += "2025-04-1\(index),\(quoted(description(2 * index))),\(amount),\(quoted(description(2 * index + 1)))\n"
        }
        return Array(text.utf8)
    }

    /// Every output the ledger writes for the budget, as bytes.
    struct Outputs {
        var html: [UInt8] = []
        /// The web pages of issue 12, by name.
        var pages: [String: [UInt8]] = [:]
        var csv: [String: [UInt8]] = [:]
        var terminal: [String: [UInt8]] = [:]
    }

    static func outputs(events: String, statement: [UInt8]) throws -> Outputs {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rendering-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = try Ledger.create(at: directory)
        let posted = try ledger.post(clock: { Timestamp(rfc3339: "2026-04-02T09:30:00.000Z")! }) { ArrayLineSource(text: events) }
        try #require(posted.rejected == 0, "\(posted.results.compactMap(\.rejection))")
        var outputs = Outputs()
        outputs.terminal["post"] = PostOutput.text(posted, partial: false)
        let states = try ledger.budgetStates()
        let state = try #require(states.first)
        var entries: [AuditEntry] = []
        try ledger.audit(state.budget) { entries.append($0) }
        outputs.html = AuditHTMLOutput.page(budget: state, entries: entries, viewDescription: "every event")
        var csvRows = AuditOutput(format: .csv), tableRows = AuditOutput(format: .table)
        outputs.csv["audit"] = csvRows.header + entries.flatMap { csvRows.add($0) } + csvRows.finish()
        outputs.terminal["audit"] = tableRows.header + entries.flatMap { tableRows.add($0) } + tableRows.finish()
        let sheet = BalanceSheet(states: states, surplusWeeks: 4)
        outputs.csv["balances"] = BalanceOutput.csv(sheet)
        outputs.terminal["balances"] = BalanceOutput.table(sheet)
        outputs.terminal["balance"] = BalanceOutput.text(state)
        let report = CommissionerReport(atEnd: states, beforeStart: [], from: CalendarDate(iso: "2025-04-01")!,
                                        to: CalendarDate(iso: "2026-03-31")!, surplusWeeks: 4)
        outputs.csv["report"] = CommissionerReportOutput.csv(report)
        outputs.terminal["report"] = CommissionerReportOutput.text(report)
        let (potState, history) = try #require(try ledger.potHistory(budget: state.budget, pot: .directPayment))
        let period = try StatementPeriod(start: CalendarDate(iso: "2025-04-01")!, end: CalendarDate(iso: "2025-04-30")!)
        let reconciliation = try Reconciliation(state: potState, history: history, statement: try Statement.parse(statement),
                                            period: period, surplusWeeks: 4)
        outputs.csv["reconcile"] = ReconciliationOutput.csv(reconciliation)
        let chrome = WebChrome(userName: state.opening.person, role: "finance", csrfToken: state.opening.person)
        let view = WebView(asOfDate: state.opening.person, knownAt: nil, asOfSeq: nil, description: state.opening.person)
        let trail = try ledger.auditTrail(of: state.budget)
        let overview = try ledger.budgetOverview(on: CalendarDate(iso: "2026-04-30")!)
        outputs.pages["budgets"] = BudgetsPage.page(overview: overview, query: BudgetsListQuery { $0 == "q" ? state.opening.person : nil },
                                                    chrome: chrome)
        outputs.pages["budget"] = BudgetPage.page(state: state, trail: trail, view: view, chrome: chrome)
        outputs.pages["audit"] = AuditPage.page(trail: trail, state: state, view: view, page: 1, rowsPerPage: 5, chrome: chrome)
        outputs.pages["reconcile"] = ReconcilePage.result(state: state, reconciliation: reconciliation, statementName: state.opening.person,
                                                          pendingID: state.opening.person, chrome: chrome)
        outputs.pages["report"] = ReportPage.page(report: report, from: state.opening.person, to: "2026-03-31", error: state.opening.person,
                                                  chrome: chrome)
        outputs.terminal["reconcile"] = ReconciliationOutput.text(reconciliation, statementName: "statement.csv", posting: false)
        return outputs
    }

    /// A cell a spreadsheet reads as a formula, unless it is one of the ledger's plain numbers.
    static func isFormula(_ cell: String) -> Bool {
        MarkupShapes.startsLikeAFormula(cell) && cell.wholeMatch(of: /-?[0-9]+(\.[0-9]{2})?/) == nil
    }

    static func isSafeForATerminal(_ bytes: [UInt8]) -> Bool {
        !String(decoding: bytes, as: UTF8.self).unicodeScalars.contains { $0 != "\n" && TerminalText.isUnsafe($0) }
    }

    @Test("random Unicode in every text field: same HTML tags as plain text, CSV columns intact and defused, terminal text safe",
          arguments: 1...12)
    func hostileText(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var names: [String: String] = [:]
        for field in ["person", "actor", "note", "provider", "payee", "reference", "reason"] {
            names[field] = Self.text(&random)
        }
        names["category"] = "personal_care"  // a snake_case word (SPEC 2)
        for id in ["commitment", "o", "a", "b", "c", "p", "t", "q", "r", "v"] { names[id] = Self.text(&random, from: Self.idPieces) }
        names["budget"] = Self.text(&random, from: Self.budgetPieces) + "B"
        let descriptions = (0..<8).map { _ in Self.text(&random, from: Self.statementPieces) }
        let hostile = try Self.outputs(events: Self.events { names[$0]! }, statement: Self.statement { descriptions[$0] })
        let plain = try Self.outputs(events: Self.events { $0 }, statement: Self.statement { "line \($0)" })

        #expect(MarkupShapes.htmlTags(String(decoding: hostile.html, as: UTF8.self))
            == MarkupShapes.htmlTags(String(decoding: plain.html, as: UTF8.self)))
        #expect(hostile.pages.count == 5)
        for (name, bytes) in hostile.pages {
            #expect(MarkupShapes.htmlTags(String(decoding: bytes, as: UTF8.self))
                == MarkupShapes.htmlTags(String(decoding: plain.pages[name]!, as: UTF8.self)), "\(name)")
        }
        for (name, bytes) in hostile.csv {
            let records = try #require(MarkupShapes.csvRecords(String(decoding: bytes, as: UTF8.self)), "\(name) does not parse")
            let plainRecords = try #require(MarkupShapes.csvRecords(String(decoding: plain.csv[name]!, as: UTF8.self)))
            #expect(records.count == plainRecords.count, "\(name)")
            #expect(records.allSatisfy { $0.count == records[0].count }, "\(name)")
            #expect(!records.joined().contains(where: Self.isFormula), "\(name): \(records.joined().filter(Self.isFormula))")
        }
        for (name, bytes) in hostile.terminal {
            #expect(Self.isSafeForATerminal(bytes), "\(name)")
        }
    }

    @Test("a lone surrogate is refused as malformed JSON, and the report of it is safe for a terminal")
    func loneSurrogate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rendering-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = try Ledger.create(at: directory)
        let line = #"{"id":"x\ud800","type":"budget_opened","budget":"B\udfff\u001b[2J","date":"2025-04-01","person":"\u202e","holding_model":"notional","period_start":"2025-04-01","period_end":"2026-03-31"}"#
        let report = try ledger.post { ArrayLineSource(text: line) }
        #expect(report.results.map(\.rejection?.code) == [.malformedJSON])
        #expect(Self.isSafeForATerminal(PostOutput.text(report, partial: false)))
        #expect(String(decoding: PostOutput.jsonLines(report), as: UTF8.self).hasPrefix(#"{"line":1,"id":null,"status":"rejected","code":"malformed_json""#))
    }
}
