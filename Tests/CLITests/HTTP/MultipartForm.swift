/// A `multipart/form-data` body as a browser or `curl -F` sends it (RFC 7578), for the tests of
/// statement uploads. Written here rather than with the server's parser, so that the two are
/// independent.
struct MultipartForm {
    let boundary: String
    private(set) var body: [UInt8] = []

    init(boundary: String = "----budget-ledger-test-7d1f") { self.boundary = boundary }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Adds a file part (`filename` given) or a text field.
    mutating func add(_ name: String, filename: String? = nil, contentType: String? = nil, _ bytes: [UInt8]) {
        var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\""
        if let filename { head += "; filename=\"\(filename)\"" }
        head += "\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        body += Array((head + "\r\n").utf8) + bytes + Array("\r\n".utf8)
    }

    /// The body with its closing delimiter.
    var closed: [UInt8] { body + Array("--\(boundary)--\r\n".utf8) }
}
