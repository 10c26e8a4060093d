#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file (or standard input) line by line through a fixed buffer, so that a file of
/// millions of events is never held in memory at once, and a line longer than the limit is
/// skipped (and reported) without being buffered — a 1 GB line costs 1 MB of memory.
public final class LineReader: LineSource {
    /// An event line may hold at most 64 KiB: far above any real event, small enough to bound memory.
    public static let lineLengthMax = 64 * 1024
    static let bufferSize = 1 << 20

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// The file's path or "standard input", for messages.
    private let name: String
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var isAtEndOfFile = false
    private var lineNumber = 0

    /// Opens `path` for reading. - Throws: `InputError.cannotOpen` naming the file.
    public init(path: String) throws(InputError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        self.descriptor = descriptor
        self.ownsDescriptor = true
        self.name = path
        self.buffer = [UInt8](repeating: 0, count: LineReader.bufferSize)
    }

    /// Reads an already open descriptor from where it stands; does not close it.
    public init(descriptor: Int32, name: String = "standard input") {
        self.descriptor = descriptor
        self.ownsDescriptor = false
        self.name = name
        self.buffer = [UInt8](repeating: 0, count: LineReader.bufferSize)
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    public func nextLine() throws -> InputLine? {
        var discarding = false
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                lineNumber += 1
                defer { start = newline + 1 }
                if discarding { return InputLine(number: lineNumber, bytes: [], isTooLong: true) }
                var bytes = Array(buffer[start..<newline])
                if bytes.last == 0x0D { bytes.removeLast() }
                if lineNumber == 1 { LineReader.dropByteOrderMark(&bytes) }
                if bytes.count > LineReader.lineLengthMax { return InputLine(number: lineNumber, bytes: [], isTooLong: true) }
                return InputLine(number: lineNumber, bytes: bytes)
            }
            if isAtEndOfFile {
                guard start < end || discarding else { return nil }
                lineNumber += 1
                defer { start = end }
                if discarding || end - start > LineReader.lineLengthMax {
                    return InputLine(number: lineNumber, bytes: [], isTooLong: true)
                }
                var bytes = Array(buffer[start..<end])
                if lineNumber == 1 { LineReader.dropByteOrderMark(&bytes) }
                return InputLine(number: lineNumber, bytes: bytes)
            }
            // One byte of slack: the line may end in CR LF, and the LF may not have been read yet.
            if end - start > LineReader.lineLengthMax + 1 {
                discarding = true  // keep reading to the newline, keeping nothing
                start = end
            }
            try fill()
        }
    }

    private func fill() throws {
        if start > 0 {
            let pending = end - start
            if pending > 0 { buffer.withUnsafeMutableBufferPointer { pointer in
                _ = memmove(pointer.baseAddress!, pointer.baseAddress! + start, pending)
            } }
            start = 0
            end = pending
        }
        let count = buffer.withUnsafeMutableBytes { pointer in
            read(descriptor, pointer.baseAddress! + end, pointer.count - end)
        }
        if count < 0 {
            if errno == EINTR { return }
            throw InputError.readFailed(path: name, errno: errno)
        }
        if count == 0 { isAtEndOfFile = true }
        end += count
    }

    /// A UTF-8 byte-order mark (EF BB BF) that some editors put at the start of a file is not
    /// part of the first event: it is dropped, so the line reads as the editor showed it.
    static func dropByteOrderMark(_ bytes: inout [UInt8]) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    }
}
