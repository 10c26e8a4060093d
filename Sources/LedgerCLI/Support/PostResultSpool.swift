#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LedgerRendering
import LedgerStore

/// Holds `post`'s per-line results in bounded memory until the post has ended, when it is known
/// whether the accepted lines were written (and so whether their `seq` may be printed).
///
/// `--json` (SPEC 6.1: every line's result) spools each result's bytes to a private temporary
/// file and prints them afterwards; the terminal form keeps only the lines it will list (the
/// first `rejectionsListedMax` rejections and `PostOutput.duplicatesListedMax` duplicates)
/// and counts the rest.
final class PostResultSpool {
    /// The terminal form lists this many rejections, then gives the count of the rest (SPEC 6).
    static let rejectionsListedMax = 1_000
    /// Spooled bytes are written out in chunks of this size.
    static let chunkBytes = 1 << 20

    private let json: Bool
    private var descriptor: Int32 = -1
    private var pending: [UInt8] = []
    /// Terminal form: the results it will list, in line order.
    private var listed: [LineResult] = []
    private var rejectionsListed = 0
    private var duplicatesListed = 0

    init(json: Bool) throws {
        self.json = json
        if json {
            guard let descriptor = PrivateTemporaryFile.create() else {
                throw CommandFailure(status: .operationalFailure,
                                     message: "error: cannot make a private temporary file for the results: \(String(cString: strerror(errno)))")
            }
            self.descriptor = descriptor
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Forgets every result: the post starts again from its first line (after map growth).
    func restart() throws {
        pending.removeAll(keepingCapacity: true)
        listed.removeAll()
        rejectionsListed = 0
        duplicatesListed = 0
        if json { guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else { throw spoolFailure() } }
    }

    func add(_ result: LineResult) throws {
        if json {
            // Record: the seq (0 if none), the length, then the line's SPEC 6.1 object without
            // its seq, which is added when printed if the batch was written. Written in place,
            // the length filled in after: this runs on the writer's thread, once a line.
            var unnumbered = result
            unnumbered.seq = nil
            withUnsafeBytes(of: (result.seq ?? 0).littleEndian) { pending.append(contentsOf: $0) }
            let lengthAt = pending.count
            pending.append(contentsOf: repeatElement(0, count: 4))
            PostOutput.appendJSON(unnumbered, to: &pending)
            withUnsafeBytes(of: UInt32(pending.count - lengthAt - 4).littleEndian) {
                pending.replaceSubrange(lengthAt..<(lengthAt + 4), with: $0)
            }
            if pending.count >= PostResultSpool.chunkBytes { try flush() }
            return
        }
        switch result.status {
        case .accepted: return
        case .rejected:
            guard rejectionsListed < PostResultSpool.rejectionsListedMax else { return }
            rejectionsListed += 1
        case .duplicate:
            guard duplicatesListed < PostOutput.duplicatesListedMax else { return }
            duplicatesListed += 1
        }
        listed.append(result)
    }

    /// Prints the results and the summary of `report` (whose counts cover every line).
    func render(_ report: PostReport, partial: Bool) throws {
        var report = report
        guard json else {
            report.results = listed
            Output.standard.write(PostOutput.text(report, partial: partial))
            return
        }
        try flush()
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw spoolFailure() }
        let isWritten = report.written > 0
        var buffer: [UInt8] = []
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: PostResultSpool.chunkBytes)
        var printed: [UInt8] = []
        printed.reserveCapacity(PostResultSpool.chunkBytes + 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 { if errno == EINTR { continue } else { throw spoolFailure() } }
            if count == 0 { break }
            buffer.removeFirst(offset)
            offset = 0
            buffer.append(contentsOf: chunk[0..<count])
            while buffer.count - offset >= 12 {
                let seq = buffer[offset..<(offset + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                let length = Int(buffer[(offset + 8)..<(offset + 12)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
                guard buffer.count - offset - 12 >= length else { break }
                let object = buffer[(offset + 12)..<(offset + 12 + length)]
                if isWritten && seq > 0 {
                    PostOutput.appendJSON(unnumbered: object, seq: seq, to: &printed)
                } else {
                    printed.append(contentsOf: object)
                }
                printed.append(0x0A)
                offset += 12 + length
            }
            Output.standard.bytes(printed)
            printed.removeAll(keepingCapacity: true)
        }
        Output.standard.write(PostOutput.summaryJSON(report) + [0x0A])
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        guard DescriptorWriter.writeAll(pending, to: descriptor) == nil else { throw spoolFailure() }
        pending.removeAll(keepingCapacity: true)
    }

    private func spoolFailure() -> CommandFailure {
        CommandFailure(status: .operationalFailure, message: "error: cannot keep the results in a temporary file: \(String(cString: strerror(errno)))")
    }
}
