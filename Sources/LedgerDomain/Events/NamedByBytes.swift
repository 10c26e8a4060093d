#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The enums an event line names (`type`, `pot`, `holding_model`, `direction`), found from the
/// bytes of the name: decoding a line needs no `String` for them.
protocol NamedByBytes: RawRepresentable, CaseIterable where RawValue == String {
    static var byteNames: [(value: Self, name: [UInt8])] { get }
}

extension NamedByBytes {
    /// A few cases share a length; compare those only (one `memcmp` each).
    static func named(_ utf8: UnsafeRawBufferPointer) -> Self? {
        guard let start = utf8.baseAddress else { return nil }
        for (value, name) in byteNames where name.count == utf8.count && name[0] == utf8[0] {
            if name.withUnsafeBytes({ memcmp($0.baseAddress!, start, utf8.count) }) == 0 { return value }
        }
        return nil
    }

    static func makeByteNames() -> [(value: Self, name: [UInt8])] { allCases.map { ($0, Array($0.rawValue.utf8)) } }
}

extension EventKind: NamedByBytes { static let byteNames = makeByteNames() }
extension Pot: NamedByBytes { static let byteNames = makeByteNames() }
extension HoldingModel: NamedByBytes { static let byteNames = makeByteNames() }
extension AllocationDirection: NamedByBytes { static let byteNames = makeByteNames() }
extension Funding: NamedByBytes { static let byteNames = makeByteNames() }
extension ScheduleKind: NamedByBytes { static let byteNames = makeByteNames() }
extension ScheduleFrequency: NamedByBytes { static let byteNames = makeByteNames() }
extension ReviewOutcome: NamedByBytes { static let byteNames = makeByteNames() }
extension RepaymentGrounds: NamedByBytes { static let byteNames = makeByteNames() }
