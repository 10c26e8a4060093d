import Foundation
import Testing
import TestSupport

/// Issue 9, "Security": outside text (a person, an actor, a payee, a statement's description)
/// cannot add tags to the audit page, rows or formulas to a CSV file, or escape sequences to a
/// terminal. Run through the real executable, where the bugs were.
@Suite("outside text cannot take over the outputs")
struct OutputSecurityTests {
    /// A prepend mark glued to `<` is one `Character`, which per-`Character` escaping let through.
    static let tag = "\u{0600}<img src=x onerror=alert(1)>"
    static let formula = #"=HYPERLINK("http://evil.example","click")"#

    /// A direct-payment budget whose text fields are hostile (`hostile: true`) or plain, and a
    /// notional budget whose id and person start like formulas.
    static func events(hostile: Bool) -> String {
        let person = hostile ? jsonString(tag) : "\"P-1\""
        let actor = hostile ? jsonString(formula) : "\"a.patel\""
        let payee = hostile ? jsonString("-2+3 \u{0600}<b>") : "\"PA J. Okafor\""
        let paymentID = hostile ? "\"@SUM(1)\"" : "\"p1\""
        return """
        {"id":"o1","type":"budget_opened","budget":"B1","date":"2025-04-01","person":\(person),"holding_model":"direct_payment","period_start":"2025-04-01","period_end":"2026-03-31","actor":\(actor)}
        {"id":"a1","type":"allocation","budget":"B1","date":"2025-04-01","pot":"direct_payment","amount":"500"}
        {"id":"t1","type":"direct_payment_transfer","budget":"B1","date":"2025-04-03","amount":"400","actor":\(actor)}
        {"id":\(paymentID),"type":"payment","budget":"B1","date":"2025-04-10","pot":"direct_payment","payee":\(payee),"category":"personal_care","amount":"50","reference":\(hostile ? jsonString("\u{0600},x") : "\"INV-1\"")}
        {"id":"o2","type":"budget_opened","budget":"-B2","date":"2025-04-01","person":"@P2","holding_model":"notional","period_start":"2025-04-01","period_end":"2026-03-31"}

        """
    }

    static func jsonString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func ledger(hostile: Bool) throws -> CLIRunner {
        let cli = CLIRunner()
        try cli.run(["init"])
        let posted = try cli.run(["post"], input: events(hostile: hostile))
        try #require(posted.status == 0, "\(posted.standardOutput)\(posted.standardError)")
        return cli
    }

    static func fileMode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("the audit page escapes a prepend mark glued to <: same tags as with plain text, no script allowed, file 0600")
    func htmlEscapesPerScalar() throws {
        let hostile = try Self.ledger(hostile: true), plain = try Self.ledger(hostile: false)
        defer { hostile.remove(); plain.remove() }
        let hostilePage = hostile.ledger + "-audit.html", plainPage = plain.ledger + "-audit.html"
        defer { try? FileManager.default.removeItem(atPath: hostilePage); try? FileManager.default.removeItem(atPath: plainPage) }
        #expect(try hostile.run(["audit", "B1", "--html", hostilePage]).status == 0)
        #expect(try plain.run(["audit", "B1", "--html", plainPage]).status == 0)
        let html = try String(contentsOfFile: hostilePage, encoding: .utf8)
        #expect(!html.contains("<img") && !html.contains("\u{0600}<b>") && html.contains("\u{0600}&lt;b&gt;"))
        #expect(html.contains("\u{0600}&lt;img src=x onerror=alert(1)&gt;"))
        #expect(MarkupShapes.htmlTags(html) == MarkupShapes.htmlTags(try String(contentsOfFile: plainPage, encoding: .utf8)))
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">"#))
        #expect(try Self.fileMode(hostilePage) == 0o600)
        // The charts are inline SVG and the styles inline: nothing that policy blocks (no
        // fetch of any kind, no script, no event handler) is needed to show the page.
        let plainHTML = try String(contentsOfFile: plainPage, encoding: .utf8)
        #expect(plainHTML.components(separatedBy: "<svg ").count - 1 == 1)  // B1 has one pot
        for blocked in ["src=", "href=", "url(", "@import", "<script", "<link", "<img", "<iframe", "<object"] {
            #expect(!plainHTML.contains(blocked), "the page uses \(blocked)")
        }
        #expect(plainHTML.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil)
    }

    @Test("audit --html narrows an existing file to 0600 and replaces its contents")
    func htmlNarrowsAnExistingFile() throws {
        let cli = try Self.ledger(hostile: false)
        defer { cli.remove() }
        let page = cli.ledger + "-existing.html"
        defer { try? FileManager.default.removeItem(atPath: page) }
        #expect(FileManager.default.createFile(atPath: page, contents: Data(String(repeating: "old page ", count: 100_000).utf8),
                                               attributes: [.posixPermissions: 0o644]))
        #expect(try Self.fileMode(page) == 0o644)
        #expect(try cli.run(["audit", "B1", "--html", page]).status == 0)
        #expect(try Self.fileMode(page) == 0o600)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n") && !html.contains("old page"))
    }

    @Test("audit, balances and report --csv: text starting like a formula gets a leading ', amounts stay numbers")
    func csvDefusesFormulas() throws {
        let cli = try Self.ledger(hostile: true)
        defer { cli.remove() }
        let audit = try cli.run(["audit", "B1", "--csv"])
        #expect(audit.status == 0)
        let rows = try #require(MarkupShapes.csvRecords(audit.standardOutput))
        #expect(rows.count == 5 && rows.allSatisfy { $0.count == 15 })
        #expect(rows.map { $0[8] } == ["actor", "'" + Self.formula, "", "'" + Self.formula, ""])
        #expect(rows.map { $0[4] } == ["id", "o1", "a1", "t1", "'@SUM(1)"])
        #expect(audit.lines[1].contains(#","'=HYPERLINK(""http://evil.example"",""click"")","#))

        let balances = try cli.run(["balances", "--csv"])
        #expect(balances.lines == ["budget,holding_model,status,person,version,allocated,committed,spent,recovered,remaining",
                                   "'-B2,notional,open,'@P2,1,0.00,0.00,0.00,0.00,0.00",
                                   "B1,direct_payment,open,\(Self.tag),4,500.00,0.00,50.00,0.00,450.00"])

        let report = try cli.run(["report", "--from", "2025-04-01", "--to", "2026-03-31", "--csv"])
        #expect(report.status == 0)
        #expect(report.lines.contains("'-B2,notional,notional,0.00,0.00,,,0,0.00,,,"))
    }

    @Test("reconcile --csv quotes a statement's line breaks and glued commas, defuses formulas, keeps negative amounts as numbers")
    func reconcileCSV() throws {
        let run = try Self.reconcileHostileStatement(["--csv"])
        #expect(run.status == 0, "\(run.standardError)")
        let rows = try #require(MarkupShapes.csvRecords(run.standardOutput))
        #expect(rows.allSatisfy { $0.count == 8 })
        let statementRows = rows.filter { $0[0] == "statement_only" }
        #expect(statementRows.map { $0[5] } == ["-10.00", "-20.00", "-30.00", "-40.00"])
        #expect(statementRows.map { $0[6] } == ["'" + Self.formula, "line one\nline two, with a comma", "\u{0600},glued", "\u{1B}[2J\u{202E}cleared"])
        #expect(run.standardOutput.contains("\"\u{0600},glued\""))
        #expect(rows.first { $0[2] == "'@SUM(1)" }?[6] == "'-2+3 \u{0600}<b>")
    }

    /// `reconcile B1` of the hostile ledger against `hostileStatement`, with these arguments.
    static func reconcileHostileStatement(_ arguments: [String]) throws -> CLIRunner.Result {
        let cli = try ledger(hostile: true)
        defer { cli.remove() }
        let statement = cli.ledger + "-statement.csv"
        defer { try? FileManager.default.removeItem(atPath: statement) }
        try hostileStatement.write(toFile: statement, atomically: true, encoding: .utf8)
        return try cli.run(["reconcile", "B1", "--pot", "direct_payment", "--statement", statement, "--period-end", "2025-04-30"] + arguments)
    }

    static let hostileStatement = """
        date,description,amount
        2025-04-05,"=HYPERLINK(""http://evil.example"",""click"")",-10.00
        2025-04-06,"line one
        line two, with a comma",-20.00
        2025-04-07,"\u{0600},glued",-30.00
        2025-04-08,\u{1B}[2J\u{202E}cleared,-40.00

        """

    /// No control character but the line break, and no bidi override, reaches the terminal.
    static func isSafeForATerminal(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    @Test("the reconcile report shows a statement's escape sequences and bidi overrides as U+FFFD")
    func terminalReconcile() throws {
        let run = try Self.reconcileHostileStatement([])
        #expect(run.status == 0)
        #expect(Self.isSafeForATerminal(run.standardOutput) && Self.isSafeForATerminal(run.standardError))
        #expect(run.standardOutput.contains("\u{FFFD}[2J\u{FFFD}cleared"))
    }

    @Test("a rejected line's control characters never reach the terminal, in the report or on standard error")
    func terminalRejection() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        try cli.run(["init"])
        let line = #"{"id":"x\u001b]0;owned\u0007","type":"allocation","budget":"B\u001b[2J\u202e","date":"2025-04-01","pot":"notional","amount":"1"}"#
        let run = try cli.run(["post"], input: line + "\n" + "\u{1B}[31mnot json\u{07}\n")
        #expect(run.status == 3)
        #expect(run.lines.last == "nothing was written: fix the rejected events and post the file again, or use --partial")
        #expect(Self.isSafeForATerminal(run.standardOutput) && Self.isSafeForATerminal(run.standardError))
        #expect(!run.standardOutput.contains("\u{1B}") && !run.standardOutput.contains("[31m"))
    }
}
