/// How `reconcile` reads a statement's columns (SPEC 7.1, `--format`). Encodings, date forms
/// and amount cells are read the same way under all three.
public enum StatementFormat: Equatable, Sendable {
    /// The header is found among the first `autoHeaderLinesMax` lines by the names banks use.
    case auto
    /// SPEC 7's header on the first line: date, description, amount, optionally reference and balance.
    case standard
    /// The columns a mapping file names.
    case mapping(StatementMapping)

    /// `auto` looks no further for a header: a preamble is an account name, a balance, a blank line.
    public static let autoHeaderLinesMax = 20
}
