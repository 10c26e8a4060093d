import LedgerDomain
import MultipartKit
import NIOCore

/// A statement sent to be reconciled (SPEC 8.2, 7.1): either the bare CSV (`text/csv`), or a
/// `multipart/form-data` form whose part `statement` is the CSV and whose optional part `format`
/// is a mapping file; any other parts are kept as named text fields (a web form's choices).
///
/// ```swift
/// let upload = try StatementUpload(contentType: "multipart/form-data; boundary=X", body: bytes)
/// let statement = try Statement.parse(upload.statement, format: try upload.format(named: nil))
/// ```
/// Decoding only splits the body: the statement and the mapping are checked by whoever reads them.
public struct StatementUpload: Sendable, Equatable {
    /// The statement's bytes, as a file holds them.
    public let statement: [UInt8]
    /// The mapping file's bytes (the part `format`), when one was sent and is not empty.
    public let mappingFile: [UInt8]?
    /// Every other part, by name, as UTF-8 text.
    public let fields: [String: String]

    /// The parts a form may have: a handful of fields beside the two files.
    public static let partsMax = 32
    /// The longest text field.
    public static let fieldBytesMax = 64 << 10

    public init(statement: [UInt8], mappingFile: [UInt8]? = nil, fields: [String: String] = [:]) {
        self.statement = statement
        self.mappingFile = mappingFile
        self.fields = fields
    }

    /// The largest body taken for a `Content-Type`: a statement, or a form with room for the
    /// mapping file and the fields beside it.
    /// - Throws: `.unsupportedMediaType` for a type other than `text/csv` or `multipart/form-data`.
    public static func bodyBytesMax(contentType: String?) throws(StatementUploadError) -> Int {
        switch MediaType(contentType).name {
        case "text/csv": return CSVReader.bytesMax
        case "multipart/form-data": return CSVReader.bytesMax + StatementMapping.bytesMax + formOverheadBytesMax
        default: throw .unsupportedMediaType(
            "send the statement as text/csv, or as multipart/form-data with a part \"statement\" (and optionally a part \"format\" holding a mapping file)")
        }
    }

    /// Room in a form for its boundaries, part headers and small fields.
    public static let formOverheadBytesMax = 1 << 20

    /// Splits a request body by its `Content-Type`.
    /// - Throws: `StatementUploadError`: `.unsupportedMediaType` for a type other than `text/csv`
    ///   or `multipart/form-data`, `.tooLarge` for a part over its limit, `.malformed` otherwise.
    public init(contentType: String?, body: [UInt8]) throws(StatementUploadError) {
        let type = MediaType(contentType)
        let bytesMax = try StatementUpload.bodyBytesMax(contentType: contentType)
        guard body.count <= bytesMax else { throw .tooLarge("the body is larger than \(bytesMax) bytes") }
        if type.name == "text/csv" {
            self.init(statement: body)
        } else {
            guard let boundary = type.parameters["boundary"], (1...70).contains(boundary.utf8.count) else {
                throw .malformed("a multipart/form-data body needs a boundary of 1 to 70 characters in its Content-Type")
            }
            try self.init(parts: try StatementUpload.parts(of: body, boundary: boundary))
        }
    }

    private init(parts: [MultipartPart]) throws(StatementUploadError) {
        var statement: [UInt8]?, mappingFile: [UInt8]?
        var fields: [String: String] = [:]
        var seen: Set<String> = []
        for part in parts {
            guard let name = part.name, !name.isEmpty else { throw .malformed("a part of the form has no name in its Content-Disposition") }
            guard seen.insert(name).inserted else { throw .malformed("the form has the part \"\(name)\" more than once") }
            let bytes = Array(part.body.readableBytesView)
            switch name {
            case "statement":
                guard bytes.count <= CSVReader.bytesMax else {
                    throw .tooLarge("the statement (part \"statement\") is larger than \(CSVReader.bytesMax >> 20) MiB")
                }
                statement = bytes
            case "format":
                // A file input left empty still sends its part, with no bytes: no mapping file.
                guard !bytes.isEmpty else { continue }
                guard bytes.count <= StatementMapping.bytesMax else {
                    throw .tooLarge("the mapping file (part \"format\") is larger than \(StatementMapping.bytesMax) bytes")
                }
                mappingFile = bytes
            default:
                guard bytes.count <= StatementUpload.fieldBytesMax else {
                    throw .tooLarge("the part \"\(name)\" is larger than \(StatementUpload.fieldBytesMax) bytes")
                }
                guard let text = String(validating: bytes, as: UTF8.self) else { throw .malformed("the part \"\(name)\" is not UTF-8 text") }
                fields[name] = text
            }
        }
        guard let statement, !statement.isEmpty else { throw .malformed("the form has no part \"statement\" holding the statement file") }
        self.init(statement: statement, mappingFile: mappingFile, fields: fields)
    }

    /// The statement format: the mapping file when one was sent, else `name` (`auto` when nil).
    /// - Throws: `.malformed` for a name other than `auto` or `standard`, or a name beside a
    ///   mapping file; the mapping file's own defects (`StatementMappingError`) as `.malformed`.
    public func format(named name: String?) throws(StatementUploadError) -> StatementFormat {
        if let mappingFile {
            guard name == nil else { throw .malformed("give the format once: either the query parameter format or the part \"format\"") }
            do {
                return .mapping(try StatementMapping.parse(mappingFile))
            } catch {
                throw .malformed("the mapping file (part \"format\") \(error)")
            }
        }
        switch name {
        case nil, "auto": return .auto
        case "standard": return .standard
        case let other?: throw .malformed("format \"\(other)\" is not auto or standard; send a mapping file as the part \"format\" of a multipart/form-data body")
        }
    }

    /// The parts of a multipart body, each whole: a body that breaks the syntax, has too many
    /// parts, or ends before its closing boundary is malformed.
    private static func parts(of body: [UInt8], boundary: String) throws(StatementUploadError) -> [MultipartPart] {
        var parts: [MultipartPart] = []
        var current: MultipartPart?
        var tooMany = false
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in
            if current == nil { current = MultipartPart(body: ByteBuffer()) }
            current?.headers.add(name: name, value: value)
        }
        parser.onBody = { buffer in
            if current == nil { current = MultipartPart(body: ByteBuffer()) }
            current?.body.writeBuffer(&buffer)
        }
        parser.onPartComplete = {
            guard let part = current else { return }
            current = nil
            if parts.count < partsMax { parts.append(part) } else { tooMany = true }
        }
        do { try parser.execute(body) } catch { throw .malformed("the multipart/form-data body is malformed") }
        guard !tooMany else { throw .tooLarge("the form has more than \(partsMax) parts") }
        // The parser stops at the closing delimiter and ignores what follows; a body cut short
        // leaves a part open or never reaches it.
        let closing = Array("--\(boundary)--".utf8)
        guard current == nil, !parts.isEmpty, body.firstRange(of: closing) != nil else {
            throw .malformed("the multipart/form-data body ends before its closing boundary --\(boundary)--")
        }
        return parts
    }
}

/// Why a statement upload cannot be read; the route answers 400, 413 or 415 with the message.
public enum StatementUploadError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case tooLarge(String)
    case unsupportedMediaType(String)

    public var description: String {
        switch self {
        case .malformed(let message), .tooLarge(let message), .unsupportedMediaType(let message): return message
        }
    }
}

/// A `Content-Type` value: the type lower-cased without its parameters, and the parameters
/// (names lower-cased, quotes removed from values). Read as UTF-8 bytes: it is on every
/// request's path, and splitting by `Character` cost more than the rest of the header handling.
struct MediaType {
    let name: String?
    let parameters: [String: String]

    init(_ value: String?) {
        guard let value else {
            name = nil
            parameters = [:]
            return
        }
        let pieces = Array(value.utf8).split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        name = pieces.first.map { MediaType.text(MediaType.trimmed($0), lowercased: true) }
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let key = MediaType.text(MediaType.trimmed(piece[..<equals]), lowercased: true)
            var parameter = MediaType.trimmed(piece[(equals + 1)...])
            if parameter.count >= 2, parameter.first == UInt8(ascii: "\""), parameter.last == UInt8(ascii: "\"") {
                parameter = parameter.dropFirst().dropLast()
            }
            parameters[key] = MediaType.text(parameter, lowercased: false)
        }
        self.parameters = parameters
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return bytes[first...last]
    }

    private static func text(_ bytes: ArraySlice<UInt8>, lowercased: Bool) -> String {
        String(decoding: lowercased ? bytes.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 } : Array(bytes), as: UTF8.self)
    }
}
