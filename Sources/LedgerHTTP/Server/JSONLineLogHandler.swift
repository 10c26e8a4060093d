import Foundation
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

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        var text = message.description
        if !text.hasPrefix("{") {
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("level", level.rawValue)
            writer.field("message", text)
            writer.endObject()
            text = writer.text
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
