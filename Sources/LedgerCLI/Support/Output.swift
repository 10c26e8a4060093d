import Foundation
import LedgerRendering

/// Buffered standard output: reports can run to millions of lines. The renderers of
/// LedgerRendering return bytes; writing them here is each command's last step.
final class Output: @unchecked Sendable {
    static let standard = Output(descriptor: STDOUT_FILENO)

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 16

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// A message line: made safe for a terminal, as it may quote an id or a path.
    func line(_ text: String) { bytes(Array(TerminalText.safe(text).utf8)); newline() }

    func line(bytes: [UInt8]) { self.bytes(bytes); newline() }

    /// Writes a rendered output (its line breaks included) and flushes it.
    func write(_ rendered: [UInt8]) {
        bytes(rendered)
        flush()
    }

    func bytes(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { flush() }
    }

    func newline() { buffer.append(0x0A) }

    func flush() {
        guard !buffer.isEmpty else { return }
        if let code = DescriptorWriter.writeAll(buffer, to: descriptor) { DescriptorWriter.failStandardOutput(code) }
        buffer.removeAll(keepingCapacity: true)
    }
}

enum StandardError {
    /// Messages may quote outside text (an id, a statement's line): each of their lines is made
    /// safe for a terminal. Line breaks are kept, as usage messages run over several lines.
    static func line(_ text: String) {
        let safe = text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.safe(String($0)) }
        // A failure to write standard error cannot be reported anywhere.
        _ = DescriptorWriter.writeAll(Array((safe.joined(separator: "\n") + "\n").utf8), to: STDERR_FILENO)
    }
}

/// Progress for long operations: on a terminal only, and never with `--json`.
struct Progress {
    let isEnabled: Bool
    let label: String

    init(_ label: String, json: Bool) {
        self.label = label
        isEnabled = !json && isatty(STDERR_FILENO) == 1
    }

    func report(_ count: some BinaryInteger) {
        guard isEnabled else { return }
        _ = DescriptorWriter.writeAll(Array("\r\(label): \(count) …".utf8), to: STDERR_FILENO)
    }

    func finish() {
        guard isEnabled else { return }
        _ = DescriptorWriter.writeAll(Array("\r\u{1B}[K".utf8), to: STDERR_FILENO)
    }
}
