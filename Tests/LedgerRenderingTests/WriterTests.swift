import LedgerDomain
import LedgerRendering
import Testing

/// The one CSV writer and the terminal filter, cell by cell.
@Suite("CSV cells and terminal text")
struct WriterTests {
    @Test("text starting with = + - @ tab or CR gets a leading '; amounts and counts never do")
    func formulas() {
        #expect(CSV.row([.text("=1+2"), .text("+cmd|' /C calc'!A0"), .text("-2"), .text("@SUM(1)"), .text("\tx"), .text("a=b")])
            == "'=1+2,'+cmd|' /C calc'!A0,'-2,'@SUM(1),'\tx,a=b")
        #expect(CSV.row([.text("\rx")]) == "\"'\rx\"")
        #expect(CSV.row([.money(Money(pence: -1200)), .integer(-3), .money(Money(pence: 5)), .empty]) == "-12.00,-3,0.05,")
    }

    @Test("a comma, quote or line break is quoted even when a mark is glued to it")
    func quoting() {
        #expect(CSV.row([.text("\u{0600},x"), .text("a\u{0301}\"b"), .text("line\u{0301}\nnext"), .text("plain é")])
            == "\"\u{0600},x\",\"a\u{0301}\"\"b\",\"line\u{0301}\nnext\",plain é")
        #expect(CSV.header(["budget", "-x"]) == "budget,'-x")
    }

    @Test("control characters, bidi controls and line separators become U+FFFD; other text is untouched")
    func terminal() {
        #expect(TerminalText.safe("PA\u{1B}[2J\u{07}\u{9B}\u{202E}x\u{2066}\u{2028}") == "PA\u{FFFD}[2J\u{FFFD}\u{FFFD}\u{FFFD}x\u{FFFD}\u{FFFD}")
        #expect(TerminalText.safe("Carewell · é 日 😀 \u{200F}") == "Carewell · é 日 😀 \u{200F}")
        var lines = TerminalLines()
        lines.line("a\nb")
        #expect(lines.bytes == Array("a\u{FFFD}b\n".utf8))
    }

    @Test("a table cell with an escape sequence is shown replaced, and the columns still line up")
    func table() {
        var table = TextTable(headers: ["payee", "amount"], rightAligned: [1])
        table.add(["\u{1B}[2JX", "1.00"])
        table.add(["Y", "10.00"])
        #expect(table.render() == ["payee  amount", "-----  ------", "\u{FFFD}[2JX    1.00", "Y       10.00"])
    }
}
