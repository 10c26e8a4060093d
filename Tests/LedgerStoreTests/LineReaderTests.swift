import Foundation
import Testing
@testable import LedgerStore

@Suite struct LineReaderTests {
    private func lines(of content: [UInt8]) throws -> [InputLine] {
        let path = TestLedger.temporaryPath("lines")
        FileManager.default.createFile(atPath: path, contents: Data(content))
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

    @Test func aMissingFileIsAnInputErrorNamingIt() {
        #expect(throws: StoreError.input("cannot read /nonexistent/events.jsonl: No such file or directory")) {
            try LineReader(path: "/nonexistent/events.jsonl")
        }
    }
}
