#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UnsafeRawBufferPointer {
    /// Whether `self` and `other` hold the same bytes, by one `memcmp`.
    ///
    /// `elementsEqual` over byte collections walks both through iterators a byte at a time; on
    /// replay's per-event comparisons (a hash, a money effect, a key) that was ~9 % of its
    /// instructions.
    @inlinable
    public func hasSameBytes(as other: UnsafeRawBufferPointer) -> Bool {
        guard count == other.count else { return false }
        guard count > 0 else { return true }
        return memcmp(baseAddress!, other.baseAddress!, count) == 0
    }

    /// Whether `self` holds exactly the bytes of `other`.
    @inlinable
    public func hasSameBytes(as other: [UInt8]) -> Bool {
        other.withUnsafeBytes { hasSameBytes(as: $0) }
    }
}

extension Array where Element == UInt8 {
    /// Whether `self` holds exactly the bytes of `other` (one `memcmp`).
    @inlinable
    public func hasSameBytes(as other: UnsafeRawBufferPointer) -> Bool {
        withUnsafeBytes { $0.hasSameBytes(as: other) }
    }
}

extension UnsafeRawBufferPointer {
    /// Whether `self` comes before `other` in byte order (LMDB's default key order: `memcmp`
    /// over the shorter length, then the shorter first), by one `memcmp`.
    @inlinable
    public func precedesInByteOrder(_ other: UnsafeRawBufferPointer) -> Bool {
        let common = Swift.min(count, other.count)
        if common > 0 {
            let order = memcmp(baseAddress!, other.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return count < other.count
    }
}

extension Array where Element == UInt8 {
    /// Whether `self` comes before `other` in byte order (see `UnsafeRawBufferPointer.precedesInByteOrder`).
    @inlinable
    public func precedesInByteOrder(_ other: UnsafeRawBufferPointer) -> Bool {
        withUnsafeBytes { $0.precedesInByteOrder(other) }
    }

    /// Whether `self` comes before `other` in byte order.
    @inlinable
    public func precedesInByteOrder(_ other: [UInt8]) -> Bool {
        other.withUnsafeBytes { precedesInByteOrder($0) }
    }
}
