import LedgerDomain

/// An event as stored under its `seq`: the 32-byte chain hash, then the canonical bytes
/// (SPEC 5) — the event's fields and its envelope as compact JSON.
public struct StoredEvent: Sendable {
    public static let hashLength = 32

    public let event: Event
    public let envelope: Envelope
    public let hash: [UInt8]
    public let canonicalBytes: [UInt8]

    static func value(hash: [UInt8], canonicalBytes: [UInt8]) -> [UInt8] {
        precondition(hash.count == hashLength, "a chain hash is \(hashLength) bytes")
        return hash + canonicalBytes
    }

    /// Decodes a stored value; bytes that do not decode are reported as damage, never trusted.
    init(storedValue bytes: UnsafeRawBufferPointer) throws(StoreError) {
        guard bytes.count > StoredEvent.hashLength else { throw .damaged("a stored event is too short") }
        hash = Array(bytes[0..<StoredEvent.hashLength])
        canonicalBytes = Array(bytes[StoredEvent.hashLength...])
        // Canonical bytes nearly always take the fast decoder; whatever it steps aside from
        // goes through the strict path below, which reports damage.
        let canonical = UnsafeRawBufferPointer(rebasing: bytes[StoredEvent.hashLength...])
        if let event = EventLineDecoder.decode(canonical), let envelope = Envelope(canonicalBytes: canonical) {
            self.event = event
            self.envelope = envelope
            return
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(canonicalBytes)
        } catch {
            throw .damaged("a stored event is not valid JSON (\(error.message))")
        }
        switch EventDecoder.decode(value) {
        case .success(let event): self.event = event
        case .failure(let rejection): throw .damaged("a stored event does not decode: \(rejection)")
        }
        guard case .object(let members) = value,
              case .number(let seqText)? = members.first(where: { $0.key == "seq" })?.value, let seq = UInt64(seqText),
              case .number(let versionText)? = members.first(where: { $0.key == "version" })?.value, let version = UInt64(versionText),
              case .string(let recordedText)? = members.first(where: { $0.key == "recorded_at" })?.value,
              let recordedAt = Timestamp(rfc3339: recordedText) else {
            throw .damaged("a stored event lacks its envelope")
        }
        envelope = Envelope(seq: seq, version: version, recordedAt: recordedAt)
    }

    /// The event as `export` writes it: the canonical bytes with `hash` added last.
    public var exportLine: [UInt8] {
        var line = canonicalBytes
        line.removeLast()  // the closing brace
        line.append(contentsOf: Array(",\"hash\":\"".utf8))
        line.append(contentsOf: Array(hexHash.utf8))
        line.append(contentsOf: Array("\"}".utf8))
        return line
    }

    public var hexHash: String { Hex.encode(hash) }
}

/// Lower-case hexadecimal, as chain hashes and digests are printed.
public enum Hex {
    /// `[0xAB, 0x01]` → `"ab01"`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
