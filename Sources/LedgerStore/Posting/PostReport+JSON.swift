import LedgerDomain

extension LineResult {
    /// The line's SPEC 6.1 object. `includingMessage: false` drops the free-text message, for
    /// comparing codes with an expected file.
    public func json(includingMessage: Bool = true) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("line", line)
        writer.key("id")
        if let id { writer.string(id) } else { writer.null() }
        writer.field("status", status.rawValue)
        if let seq { writer.field("seq", seq) }
        if let rejection {
            writer.field("code", rejection.code.rawValue)
            if includingMessage { writer.field("message", rejection.message) }
        }
        writer.endObject()
        return writer.bytes
    }
}

extension PostReport {
    /// The SPEC 6.1 summary object.
    public var summaryJSON: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("accepted", accepted)
        writer.field("duplicates", duplicates)
        writer.field("rejected", rejected)
        writer.field("written", written)
        writer.endObject()
        return writer.bytes
    }
}
