/// A statement's bytes as UTF-8 (SPEC 7.1): UTF-8 as it is (a byte order mark dropped), else
/// Windows-1252, which UK banks still export (`£` as the single byte A3).
///
/// Line breaks are kept byte for byte, so line numbers counted afterwards are the file's
/// physical lines.
public enum StatementText {
    /// - Throws: `StatementError.badEncoding` naming the line of a byte Windows-1252 leaves
    ///   undefined, when the file is not UTF-8 either.
    public static func utf8(_ bytes: [UInt8]) throws(StatementError) -> [UInt8] {
        let body = bytes.starts(with: byteOrderMark) ? Array(bytes.dropFirst(byteOrderMark.count)) : bytes
        if String(validating: body, as: UTF8.self) != nil { return body }
        var transcoded: [UInt8] = []
        transcoded.reserveCapacity(body.count + body.count / 8)
        var line = 1
        for (index, byte) in body.enumerated() {
            if byte == lineFeed || (byte == carriageReturn && (index + 1 == body.count || body[index + 1] != lineFeed)) { line += 1 }
            guard byte >= 0x80 else {
                transcoded.append(byte)
                continue
            }
            guard let scalar = windows1252[Int(byte - 0x80)] else {
                throw StatementError(line: line, .badEncoding,
                                     "the file is neither UTF-8 nor Windows-1252: byte \(hex(byte)) has no meaning in either")
            }
            transcoded.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        }
        return transcoded
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Bytes 80–9F of Windows-1252 (A0–FF are Latin-1, the same code points); nil where undefined.
    private static let windows1252: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ] + (0xA0...0xFF).map { UInt32($0) }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

private let lineFeed = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
