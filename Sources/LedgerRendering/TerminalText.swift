/// Text bound for a terminal, made harmless.
///
/// Events posted before SPEC 4.4 and statement files may hold control characters: an escape
/// sequence in a payee could clear the screen, set the window title or forge table rows. Bidi
/// embeddings, overrides and isolates could reorder what is shown ("Trojan Source"), and line
/// or paragraph separators could split a row. Each such scalar is shown as U+FFFD instead.
///
/// ```swift
/// TerminalText.safe("PA\u{1B}[2J")  // "PA\u{FFFD}[2J"
/// ```
public enum TerminalText {
    /// What an unsafe scalar is shown as.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Whether a scalar must not reach a terminal as it is.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true  // Cc
        case 0x202A...0x202E, 0x2066...0x2069: true  // bidi embeddings, overrides, isolates
        case 0x2028, 0x2029: true  // line and paragraph separators
        default: false
        }
    }

    /// `text` with every unsafe scalar replaced; unchanged (no copy) when there is none.
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isUnsafe(scalar) ? replacement : scalar) }
        return String(scalars)
    }
}

/// A report for the terminal, line by line: every line is made safe (`TerminalText`) as it is
/// added, so no renderer can forget a field that came from outside.
public struct TerminalLines: Sendable {
    /// The lines so far, each ended by `\n`.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Adds one line; `text` should hold no line break (one would be shown as U+FFFD).
    public mutating func line(_ text: String) {
        bytes.append(contentsOf: TerminalText.safe(text).utf8)
        bytes.append(0x0A)
    }

    public mutating func lines(_ texts: some Sequence<String>) {
        for text in texts { line(text) }
    }
}
