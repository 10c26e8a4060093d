import Foundation
import Testing
@testable import LedgerStore

@Suite struct LineReaderTests {
    private func lines(of content: [UInt8]) throws -> [InputLine] {
        let path = TestLedger.temporaryPath("lines")
        try #require(FileManager.default.createFile(atPath: path, contents: Data(content)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try LineReader(path: path)
        var lines: [InputLine] = []
        while let line = try reader.nextLine() { lines.append(line) }
        return lines
    }

    @Test func crlfEndingsAndAFinalLineWithoutNewlineAreRead() throws {
        let read = try lines(of: Array("one\r\ntwo\n\nthree".utf8))
        #expect(read.map { String(decoding: $0.bytes, as: UTF8.self) } == ["one", "two", "", "three"])
        #expect(read.map(\.number) == [1, 2, 3, 4])
    }

    @Test func aLineOverTheLimitIsSkippedWithoutBeingKeptAndCountingGoesOn() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 3 * LineReader.bufferSize)
        let read = try lines(of: Array("first\n".utf8) + long + Array("\nafter\n".utf8))
        #expect(read.count == 3)
        #expect(read[1].isTooLong && read[1].bytes.isEmpty && read[1].number == 2)
        #expect(String(decoding: read[2].bytes, as: UTF8.self) == "after")
        #expect(read[2].number == 3)
    }

    @Test func aLineOfExactlyTheLimitIsKept() throws {
        let exact = [UInt8](repeating: UInt8(ascii: "y"), count: LineReader.lineLengthMax)
        let read = try lines(of: exact + [0x0A] + exact + [UInt8(ascii: "z"), 0x0A])
        #expect(read.map(\.isTooLong) == [false, true])
    }

    /// The buffer ends right after the CR of a CRLF line of exactly the limit; the LF comes with
    /// the next read. The line is still exactly the limit once its ending is dropped.
    @Test func aCRLFLineOfExactlyTheLimitSplitAtTheBufferEdgeIsKept() throws {
        let exact = [UInt8](repeating: UInt8(ascii: "y"), count: LineReader.lineLengthMax)
        var before: [UInt8] = []
        while before.count + 100 <= LineReader.bufferSize - exact.count - 1 {
            before += [UInt8](repeating: UInt8(ascii: "a"), count: 99) + [0x0A]
        }
        let padding = LineReader.bufferSize - exact.count - 1 - before.count
        before += [UInt8](repeating: UInt8(ascii: "b"), count: padding - 1) + [0x0A]
        let read = try lines(of: before + exact + [0x0D, 0x0A, UInt8(ascii: "z")])
        let long = try #require(read.first { $0.bytes.count > 100 || $0.isTooLong })
        #expect(!long.isTooLong)
        #expect(long.bytes.count == LineReader.lineLengthMax && long.bytes.allSatisfy { $0 == UInt8(ascii: "y") })
        #expect(read.last.map { String(decoding: $0.bytes, as: UTF8.self) } == "z")
    }

    @Test func aMissingFileIsAnInputErrorNamingIt() {
        #expect(throws: InputError.cannotOpen(path: "/nonexistent/events.jsonl", errno: ENOENT)) {
            try LineReader(path: "/nonexistent/events.jsonl")
        }
    }
}
