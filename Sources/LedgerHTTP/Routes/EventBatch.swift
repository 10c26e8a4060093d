import LedgerDomain
import LedgerStore

/// A `POST /v1/events` body as the lines of one batch (SPEC 8.2): JSON Lines
/// (`application/x-ndjson`), one JSON object, or a JSON array of objects (`application/json`),
/// numbered as `post` numbers the lines of a file (an array's elements by 1-based index).
enum EventBatch {
    static func lines(of body: [UInt8], mediaType: String?) throws -> [InputLine] {
        switch mediaType {
        case "application/x-ndjson", "application/jsonl", "application/json-lines":
            return try jsonLines(body)
        case "application/json":
            return try json(body)
        default:
            throw APIError.unsupportedMediaType("post events as application/x-ndjson (JSON Lines) or application/json (an object or an array)")
        }
    }

    private static func jsonLines(_ body: [UInt8]) throws -> [InputLine] {
        var pieces = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        // A final newline ends the last line; it does not start another (as for a file).
        if body.last == 0x0A { pieces.removeLast() }
        return try pieces.enumerated().map { index, piece in
            try line(number: index + 1, Array(piece))
        }
    }

    private static func json(_ body: [UInt8]) throws -> [InputLine] {
        // Anything but an array is one event: the decoder says what is wrong with it.
        guard case .array(let elements)? = try? JSONParser.parse(body) else { return [try line(number: 1, body)] }
        return try elements.enumerated().map { index, element in
            var writer = JSONWriter()
            writer.value(element)
            return try line(number: index + 1, writer.bytes)
        }
    }

    /// SPEC 8.3: a line (or array element) over 64 KiB refuses the whole request with 413.
    private static func line(number: Int, _ bytes: [UInt8]) throws -> InputLine {
        guard bytes.count <= ServerConfiguration.lineBytesMax else {
            throw APIError.tooLarge("line \(number) is longer than \(ServerConfiguration.lineBytesMax) bytes")
        }
        return InputLine(number: number, bytes: bytes)
    }
}
