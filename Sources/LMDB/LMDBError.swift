import CLMDB

/// A failed LMDB (or POSIX) call.
///
/// "Not found" is never reported this way by the reads in this module; they return `nil`.
public struct LMDBError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The LMDB return code (negative, `MDB_*`) or an `errno` value (positive).
    public let code: Int32
    /// The C call or wrapper operation that failed, e.g. `"mdb_put"`.
    public let operation: String

    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
    }

    public var description: String {
        // mdb_strerror: "This function is a superset of the ANSI C X3.159-1989 (ANSI C)
        // strerror(3) function. If the error code is greater than or equal to 0, then
        // the string returned by the system function strerror(3) is returned."
        "\(operation) failed: \(String(cString: mdb_strerror(code))) (\(code))"
    }

    /// `MDB_MAP_FULL`: "Environment mapsize reached".
    public static let mapFullCode: Int32 = MDB_MAP_FULL
    /// `MDB_KEYEXIST`: "key/data pair already exists" (`.noOverwrite`, or `.append` out of order).
    public static let keyExistsCode: Int32 = MDB_KEYEXIST
    /// `MDB_NOTFOUND`: only surfaces from `openDatabase(_:create: false)` of a missing database.
    public static let notFoundCode: Int32 = MDB_NOTFOUND
    /// `MDB_MAP_RESIZED`: another process grew the map beyond ours (normally handled internally).
    public static let mapResizedCode: Int32 = MDB_MAP_RESIZED
    /// `MDB_READERS_FULL`: every reader slot is taken; see `EnvironmentOptions.maxReaders`.
    public static let readersFullCode: Int32 = MDB_READERS_FULL
    /// `MDB_BAD_VALSIZE`: empty key, key longer than `Environment.maxKeySize`, or similar.
    public static let badValueSizeCode: Int32 = MDB_BAD_VALSIZE

    public var isMapFull: Bool { code == Self.mapFullCode }
    public var isKeyExists: Bool { code == Self.keyExistsCode }
    public var isNotFound: Bool { code == Self.notFoundCode }
}

/// Throws unless `rc` is `MDB_SUCCESS` — every LMDB call documents "A non-zero error value
/// on failure and 0 on success".
@inline(__always)
func check(_ rc: Int32, _ operation: String) throws {
    if rc != MDB_SUCCESS { throw LMDBError(code: rc, operation: operation) }
}
