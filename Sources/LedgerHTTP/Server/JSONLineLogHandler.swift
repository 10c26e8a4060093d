#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import LedgerDomain
import Logging

/// Writes each log message as one line on standard error: the access log's messages are JSON
/// lines already; other messages are wrapped as `{"level","message"}`.
struct JSONLineLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    // `log(event:)`, not the older per-field requirement, whose default swift-log 1.16 deprecates.
    func log(event: LogEvent) {
        var text = event.message.description
        if !text.hasPrefix("{") {
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("level", event.level.rawValue)
            writer.field("message", text)
            writer.endObject()
            text = writer.text
        }
        text.append("\n")
        // One write(2) per line, straight from the string's bytes (it runs for every request).
        text.withUTF8 { bytes in
            var written = 0
            while written < bytes.count {
                let count = write(STDERR_FILENO, bytes.baseAddress! + written, bytes.count - written)
                if count > 0 {
                    written += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return  // standard error is gone: the log line is lost, the request is not
                }
            }
        }
    }
}
