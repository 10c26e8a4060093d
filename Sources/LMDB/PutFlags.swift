import CLMDB

/// Options for ``WriteTransaction/put(_:key:value:flags:)``. These are mdb_put flags, a different
/// set from the environment (MDB_NOTLS, …) and database (MDB_CREATE, …) flags in lmdb.h.
public struct PutFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    /// Only the flags below are accepted: others (e.g. MDB_RESERVE, which leaves the value
    /// for the caller to fill in) would break the "value is copied in" contract of `put`.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue & (Self.noOverwriteBits | Self.appendBits)
    }

    private static let noOverwriteBits = UInt32(MDB_NOOVERWRITE)
    private static let appendBits = UInt32(MDB_APPEND)

    /// MDB_NOOVERWRITE: "enter the new key/data pair only if the key does not already appear in
    /// the database. The function will return MDB_KEYEXIST if the key already appears."
    public static let noOverwrite = PutFlags(rawValue: noOverwriteBits)

    /// MDB_APPEND: "append the given key/data pair to the end of the database. This option allows
    /// fast bulk loading when keys are already known to be in the correct order. Loading unsorted
    /// keys with this flag will cause a MDB_KEYEXIST error."
    public static let append = PutFlags(rawValue: appendBits)
}
