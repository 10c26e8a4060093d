/// Little helpers for the store's binary records. Integers are big-endian so that keys sort
/// in numeric order under LMDB's byte-wise comparison.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 128) { bytes.reserveCapacity(capacity) }

    /// Writes after `bytes`: pass a buffer emptied with its capacity kept, and let go of the
    /// caller's reference to it, to write without allocating.
    init(appendingTo bytes: [UInt8]) { self.bytes = bytes }

    mutating func uint8(_ value: UInt8) { bytes.append(value) }
    mutating func uint32(_ value: UInt32) { withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) } }
    mutating func uint64(_ value: UInt64) { withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) } }
    mutating func int32(_ value: Int32) { uint32(UInt32(bitPattern: value)) }
    mutating func int64(_ value: Int64) { uint64(UInt64(bitPattern: value)) }
    mutating func string(_ value: String) {
        uint32(UInt32(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }
    mutating func raw(_ value: some Sequence<UInt8>) { bytes.append(contentsOf: value) }

    static func key(seq: UInt64) -> [UInt8] {
        var writer = ByteWriter(capacity: 8)
        writer.uint64(seq)
        return writer.bytes
    }
}

/// Reads what `ByteWriter` wrote, straight from the bytes (an LMDB value, say); every read is
/// bounds-checked and a short record is an error, so damaged bytes on disk are reported, never
/// trusted. Integers are single unaligned loads: a budget's projection holds thousands of them
/// and is decoded on every balance read.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int) throws(StoreError) -> UnsafeRawBufferPointer {
        guard count >= 0, bytes.count - offset >= count else { throw .damaged("a stored record is shorter than its contents say") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    mutating func uint8() throws(StoreError) -> UInt8 { try load(UInt8.self) }
    mutating func uint32() throws(StoreError) -> UInt32 { UInt32(bigEndian: try load(UInt32.self)) }
    mutating func uint64() throws(StoreError) -> UInt64 { UInt64(bigEndian: try load(UInt64.self)) }
    mutating func int32() throws(StoreError) -> Int32 { Int32(bitPattern: try uint32()) }
    mutating func int64() throws(StoreError) -> Int64 { Int64(bitPattern: try uint64()) }
    mutating func string() throws(StoreError) -> String {
        let bytes = try take(Int(try uint32()))
        // Stored ids are ASCII: checking that is cheap, where the generic validation is not.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .damaged("a stored text is not UTF-8") }
        return text
    }

    private mutating func load<T: FixedWidthInteger>(_ type: T.Type) throws(StoreError) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { throw .damaged("a stored record is shorter than its contents say") }
        defer { offset += size }
        return bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
    }

    static func seq(_ key: some Collection<UInt8>) -> UInt64 { key.reduce(0) { $0 << 8 | UInt64($1) } }
}
