#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How to open an ``Environment``. Only the map size changes after opening (it grows on demand).
public struct EnvironmentOptions: Sendable {
    /// Named databases the environment may hold (mdb_env_set_maxdbs).
    public var maxDatabases: UInt32 = 16
    /// Map size to start with. It is virtual address space, not disk: the file grows as pages are written.
    public var initialMapSize: Int = 64 << 20
    /// Map growth (doubling) stops here; a write that still does not fit throws `isMapFull`.
    public var maximumMapSize: Int = 1 << 40
    /// Permissions of the data and lock files (and of backups): ledger files readable by owner only.
    public var fileMode: mode_t = 0o600
    /// MDB_RDONLY: no write transactions; `write` and `openDatabase(create: true)` fail with EACCES.
    public var readOnly: Bool = false
    /// MDB_NOLOCK (with `readOnly` only): no lock file, so a user who may read but not write the
    /// ledger's directory can still open it. Nothing then keeps a writer in another process from
    /// reusing pages this reader is reading: for ledgers nobody writes while they are read.
    public var withoutLockFile: Bool = false
    /// `false` sets MDB_NOSYNC: commits skip fsync, so a system crash may undo the last
    /// transactions. Only for benchmarks and bulk loads that say so (call `sync()` afterwards).
    public var durable: Bool = true
    /// Reader lock-table slots (mdb_env_set_maxreaders). With MDB_NOTLS each live read transaction uses one.
    public var maxReaders: UInt32 = 126

    public init() {}
}
