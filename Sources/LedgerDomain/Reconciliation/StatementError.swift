/// Why a statement file cannot be read. Every error names the line a finance officer should
/// open: line numbers are physical lines of the file (SPEC 7.1), so a
/// record whose quoted field spans lines is named by the line it starts on.
public struct StatementError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case missingColumn = "missing_column"
        case duplicateColumn = "duplicate_column"
        case unterminatedQuote = "unterminated_quote"
        case characterAfterQuote = "character_after_quote"
        case badDate = "bad_date"
        case badAmount = "bad_amount"
        case badBalance = "bad_balance"
        case tooLarge = "too_large"
        case badEncoding = "bad_encoding"
    }

    public let line: Int
    public let kind: Kind
    /// A sentence without the line number.
    public let message: String

    public init(line: Int, _ kind: Kind, _ message: String) {
        self.line = line
        self.kind = kind
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
