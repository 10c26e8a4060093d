/// One physical line of a JSON Lines input.
public struct InputLine: Sendable {
    /// 1-based, counting every physical line including blank ones.
    public let number: Int
    /// The bytes without the line ending; empty when the line was too long to keep.
    public let bytes: [UInt8]
    /// The line was longer than `LineReader.lineLengthMax` and was skipped without being held.
    public let isTooLong: Bool

    public init(number: Int, bytes: [UInt8], isTooLong: Bool = false) {
        self.number = number
        self.bytes = bytes
        self.isTooLong = isTooLong
    }

    /// SPEC 2: blank lines are ignored.
    public var isBlank: Bool {
        !isTooLong && bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}

/// Where posted lines come from: a file read in bounded chunks, or lines held by a test.
public protocol LineSource {
    mutating func nextLine() throws -> InputLine?
}

/// Lines already in memory (tests, the HTTP front end later).
public struct ArrayLineSource: LineSource {
    private var lines: [[UInt8]]
    private var index = 0

    public init(_ lines: [[UInt8]]) { self.lines = lines }
    public init(text: String) { self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) } }

    public mutating func nextLine() throws -> InputLine? {
        guard index < lines.count else { return nil }
        defer { index += 1 }
        let bytes = lines[index]
        if bytes.count > LineReader.lineLengthMax { return InputLine(number: index + 1, bytes: [], isTooLong: true) }
        return InputLine(number: index + 1, bytes: bytes)
    }
}
