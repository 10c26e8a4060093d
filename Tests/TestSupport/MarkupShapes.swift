/// Independent readers of what the ledger writes, for tests that check the shape of an output
/// rather than its text: the tags of an HTML page and the cells of a CSV file.
public enum MarkupShapes {
    /// Every tag of an HTML page in order, as its name and attribute names (`img src onerror`):
    /// text that escaping missed shows up here as an extra tag or attribute. Comments and the
    /// doctype are skipped; quoted attribute values may hold `>`.
    public static func htmlTags(_ html: String) -> [String] {
        let bytes = Array(html.utf8)
        var tags: [String] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            index += 1
            guard index < bytes.count, isTagStart(bytes[index]) else { continue }
            var tag: [UInt8] = []
            var quote: UInt8?
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if let open = quote {
                    if byte == open { quote = nil }
                    continue
                }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { quote = byte; continue }
                if byte == UInt8(ascii: ">") { break }
                tag.append(byte)
            }
            let text = String(decoding: tag, as: UTF8.self)
            if text.hasPrefix("!") { continue }
            // Names only: `a="…" b` → `a b`; the values were skipped above.
            let names = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "/" })
                .map { $0.split(separator: "=").first.map(String.init) ?? "" }
            tags.append((text.hasPrefix("/") ? "/" : "") + names.joined(separator: " "))
        }
        return tags
    }

    /// What an HTML tokenizer takes for the start of a tag after `<`: a letter, `/` or `!`.
    private static func isTagStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!")
    }

    /// The records of an RFC 4180 CSV text: quoted cells may hold commas, quotes (doubled) and
    /// line breaks; a record ends at an unquoted LF or CRLF. Returns nil for a malformed text
    /// (a quote inside an unquoted cell, text after a closing quote, an unclosed quote).
    public static func csvRecords(_ text: String) -> [[String]]? {
        let bytes = Array(text.utf8)
        var records: [[String]] = []
        var record: [String] = []
        var cell: [UInt8] = []
        var index = 0
        var quoted = false, wasQuoted = false
        func endCell() { record.append(String(decoding: cell, as: UTF8.self)); cell = []; wasQuoted = false }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") { cell.append(byte); index += 1 } else { quoted = false }
                } else {
                    cell.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard cell.isEmpty, !wasQuoted else { return nil }
                quoted = true
                wasQuoted = true
            case UInt8(ascii: ","):
                endCell()
            case 0x0D where index < bytes.count && bytes[index] == 0x0A:
                continue
            case 0x0A:
                endCell()
                records.append(record)
                record = []
            default:
                if wasQuoted { return nil }
                cell.append(byte)
            }
        }
        if quoted { return nil }
        if !cell.isEmpty || !record.isEmpty { endCell(); records.append(record) }
        return records
    }

    /// Whether a spreadsheet would read this cell as a formula (OWASP "CSV injection").
    public static func startsLikeAFormula(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first else { return false }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first)
    }
}
