/// Text made safe for HTML, for every page the project renders (the audit page and the web pages).
public enum HTMLText {
    /// Per UTF-8 byte, never per `Character`: a prepend mark (U+0600) or a combining mark glued
    /// to `<` makes one `Character` that is not equal to `"<"`, yet the browser sees the `<`.
    /// The five characters escaped are ASCII, and ASCII bytes never occur inside a multi-byte
    /// UTF-8 sequence, so looking at bytes is exact (and the same as looking at scalars).
    public static func escape(_ text: String) -> String {
        // Most text has nothing to escape: hand it back without copying (the audit page of
        // 5,000 rows escapes tens of thousands of fields).
        guard text.utf8.contains(where: isSpecial) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): escaped += Array("&amp;".utf8)
            case UInt8(ascii: "<"): escaped += Array("&lt;".utf8)
            case UInt8(ascii: ">"): escaped += Array("&gt;".utf8)
            case UInt8(ascii: "\""): escaped += Array("&quot;".utf8)
            case UInt8(ascii: "'"): escaped += Array("&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}
