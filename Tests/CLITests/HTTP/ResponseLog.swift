import Foundation

/// Every answer the HTTP tests receive, appended as one JSON line to the file named by
/// `$BUDGET_LEDGER_HTTP_RESPONSE_LOG`, when set: `scripts/test` then checks each against the
/// OpenAPI document (`scripts/check-http-responses.py`), status, media type and body.
final class ResponseLog: @unchecked Sendable {
    static let shared = ResponseLog()

    private let lock = NSLock()
    private let handle: FileHandle?

    private init() {
        if let path = ProcessInfo.processInfo.environment["BUDGET_LEDGER_HTTP_RESPONSE_LOG"], !path.isEmpty {
            // Asked for and not writable: stop here, rather than leave the answers unchecked.
            if !FileManager.default.fileExists(atPath: path) && !FileManager.default.createFile(atPath: path, contents: nil) {
                preconditionFailure("cannot create the HTTP response log \(path)")
            }
            guard let opened = FileHandle(forWritingAtPath: path) else { preconditionFailure("cannot open the HTTP response log \(path)") }
            opened.seekToEndOfFile()
            handle = opened
        } else {
            handle = nil
        }
    }

    func record(method: String, path: String, answer: HTTPConnection.Answer) {
        guard let handle else { return }
        var entry: [String: Any] = ["method": method, "path": path, "status": answer.status, "content_type": answer.contentType ?? ""]
        if answer.body.count <= 1 << 20 { entry["body"] = answer.text }
        guard let data = try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        lock.lock()
        defer { lock.unlock() }
        handle.write(data + Data([0x0A]))
    }
}
