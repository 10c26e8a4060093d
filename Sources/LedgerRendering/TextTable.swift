/// A plain text table: columns padded to their widest cell, amounts right-aligned.
///
/// ```swift
/// var table = TextTable(headers: ["pot", "spent"], rightAligned: [1])
/// table.add(["notional", "125.00"])
/// table.render()  // ["pot       spent", "--------  ------", "notional  125.00"]
/// ```
public struct TextTable: Sendable {
    /// The column names, first line of the table.
    public let headers: [String]
    /// The rows added so far, their cells already made safe for a terminal.
    public private(set) var rows: [[String]] = []
    /// Columns whose cells are right-aligned (amounts, counts).
    public let rightAligned: Set<Int>

    /// An empty table with these columns.
    public init(headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    /// Cells are made safe for a terminal here, before widths are measured.
    public mutating func add(_ row: [String]) {
        precondition(row.count == headers.count, "a row has one cell per column")
        rows.append(row.map(TerminalText.safe))
    }

    /// The header, a rule of dashes, then every row; trailing spaces trimmed.
    public func render() -> [String] {
        var widths = headers.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return [line(headers), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
