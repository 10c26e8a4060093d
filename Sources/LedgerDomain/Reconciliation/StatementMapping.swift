/// A mapping file for `reconcile --format FILE.json` (SPEC 7.1): which of a statement's
/// columns holds each role, for exports `auto` cannot place.
///
/// ```json
/// {"date":"Transaction Date","date_format":"DD/MM/YYYY","description":"Details",
///  "paid_out":"Money Out","paid_in":"Money In","skip_lines":3,"delimiter":";"}
/// ```
/// Column names are matched exactly after trimming spaces. It is checked when read: an
/// unknown key, a value of the wrong type, or a missing role is an error naming the key.
public struct StatementMapping: Equatable, Sendable {
    public enum Amounts: Equatable, Sendable {
        case signed(column: String)
        case split(out: String, in: String)
    }

    public let date: String
    public let dateForm: StatementDateForm?
    public let description: String
    public let amounts: Amounts
    public let reference: String?
    public let balance: String?
    /// Physical lines before the header.
    public let skipLines: Int
    public let delimiter: UInt8

    /// A mapping names a handful of columns; a larger file is not one.
    public static let bytesMax = 64 << 10
    /// A preamble longer than this is not a statement export.
    public static let skipLinesMax = 1_000
    static let keys = ["date", "date_format", "description", "amount", "paid_out", "paid_in", "reference", "balance", "skip_lines", "delimiter"]

    /// Reads a mapping file's bytes.
    /// - Throws: `StatementMappingError` naming the key (or the JSON defect).
    public static func parse(_ bytes: [UInt8]) throws(StatementMappingError) -> StatementMapping {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw StatementMappingError("is not JSON (\(error.message) at byte \(error.offset))")
        }
        guard case .object(let members) = value else { throw StatementMappingError("must be a JSON object, not \(value.kindDescription)") }
        var fields: [String: JSONValue] = [:]
        for member in members {
            guard keys.contains(member.key) else {
                throw StatementMappingError("has an unknown key \"\(member.key)\" (known: \(keys.joined(separator: ", ")))")
            }
            guard fields.updateValue(member.value, forKey: member.key) == nil else {
                throw StatementMappingError("names the key \"\(member.key)\" twice")
            }
        }
        func text(_ key: String) throws(StatementMappingError) -> String? {
            guard let value = fields[key] else { return nil }
            guard case .string(let text) = value, !text.trimmingASCIIWhitespace().isEmpty else {
                throw StatementMappingError("key \"\(key)\" must be a non-empty string, not \(value.kindDescription)")
            }
            return text.trimmingASCIIWhitespace()
        }
        func required(_ key: String) throws(StatementMappingError) -> String {
            guard let value = try text(key) else { throw StatementMappingError("has no \"\(key)\" key: it must name the \(key) column") }
            return value
        }
        let amounts: Amounts
        switch (try text("amount"), try text("paid_out"), try text("paid_in")) {
        case (let amount?, nil, nil): amounts = .signed(column: amount)
        case (nil, let out?, let into?): amounts = .split(out: out, in: into)
        case (nil, nil, nil): throw StatementMappingError("has no \"amount\" key (or \"paid_out\" and \"paid_in\"): it must name the amount column")
        case (nil, _, _): throw StatementMappingError("names only one of \"paid_out\" and \"paid_in\": name both")
        case (.some, _, _): throw StatementMappingError("names \"amount\" and \"paid_out\"/\"paid_in\": name one or the other")
        }
        var dateForm: StatementDateForm?
        if let format = try text("date_format") {
            guard let form = StatementDateForm(rawValue: format) else {
                throw StatementMappingError("key \"date_format\" is \"\(format)\", not one of \(StatementDateForm.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            dateForm = form
        }
        var skipLines = 0
        if let value = fields["skip_lines"] {
            guard case .number(let number) = value, let lines = Int(number), (0...skipLinesMax).contains(lines) else {
                throw StatementMappingError("key \"skip_lines\" must be a whole number from 0 to \(skipLinesMax)")
            }
            skipLines = lines
        }
        var delimiter = UInt8(ascii: ",")
        if let value = fields["delimiter"] {
            guard case .string(let text) = value, text.utf8.count == 1, let byte = text.utf8.first, CSVReader.delimiters.contains(byte) else {
                throw StatementMappingError("key \"delimiter\" must be \",\", \";\" or a tab")
            }
            delimiter = byte
        }
        return StatementMapping(date: try required("date"), dateForm: dateForm, description: try required("description"), amounts: amounts,
                                reference: try text("reference"), balance: try text("balance"), skipLines: skipLines, delimiter: delimiter)
    }
}

/// Why a mapping file cannot be used; the message continues "the mapping file …".
public struct StatementMappingError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
