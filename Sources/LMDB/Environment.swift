import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An open LMDB environment: one directory holding `data.mdb` and `lock.mdb`.
///
/// Thread-safe; share one instance per directory per process (LMDB forbids opening the same
/// environment twice in one process). Transactions are closures: ``read(_:)`` runs a snapshot
/// read, ``write(_:)`` a serialised write transaction. Bodies are synchronous and should be
/// short: a body must not wait for another thread's transaction, and must not start a
/// ``write(_:)`` of its own (that throws EDEADLK rather than hanging on LMDB's writer lock).
///
/// Map growth: when a write does not fit, the transaction is aborted, the map is doubled (up to
/// ``EnvironmentOptions/maximumMapSize``) once no transaction of this process is active, and the
/// body runs again. Transactions hold the shared side of an internal reader-writer lock and
/// resizing its exclusive side (mdb_env_set_mapsize needs "no transactions … active in this
/// process"); readers are only held up while the map is actually being resized.
///
/// All calls block (on LMDB's writer lock, on fsync); from async code, keep bodies short.
public final class Environment: @unchecked Sendable {
    /// The directory given to `init`.
    public let path: String
    public let options: EnvironmentOptions

    let env: OpaquePointer
    let gate: TransactionGate
    /// Serialises openDatabase, see there.
    private let dbiLock: ConditionLock
    /// This process's map size, and a counter bumped on every change. Written only under the
    /// gate's exclusive side, read under its shared side.
    var currentMapSize: Int
    var mapGeneration = 0

    /// Opens (creating if needed) the environment in `directory`, which must exist.
    /// Uses MDB_NOTLS: transactions run on Swift tasks, not pinned threads, so reader slots are
    /// tied to transactions rather than threads.
    public init(directory: String, options: EnvironmentOptions = EnvironmentOptions()) throws {
        guard options.initialMapSize > 0, options.initialMapSize <= options.maximumMapSize else {
            throw LMDBError(code: EINVAL, operation: "Environment.init (need 0 < initialMapSize <= maximumMapSize)")
        }
        let gate = try TransactionGate()
        let dbiLock = ConditionLock()
        var created: OpaquePointer?
        try check(mdb_env_create(&created), "mdb_env_create")
        let env = created!
        do {
            // These three: "may only be called after mdb_env_create() and before mdb_env_open()".
            try check(mdb_env_set_maxdbs(env, options.maxDatabases), "mdb_env_set_maxdbs")
            try check(mdb_env_set_maxreaders(env, options.maxReaders), "mdb_env_set_maxreaders")
            try check(mdb_env_set_mapsize(env, options.initialMapSize), "mdb_env_set_mapsize")
            // Environment flags (not put or dbi flags — the sets overlap numerically in lmdb.h).
            var flags = UInt32(MDB_NOTLS)
            if options.readOnly { flags |= UInt32(MDB_RDONLY) }
            if options.withoutLockFile { flags |= UInt32(MDB_NOLOCK) }
            if !options.durable { flags |= UInt32(MDB_NOSYNC) }
            try check(mdb_env_open(env, directory, flags, options.fileMode), "mdb_env_open")
            // Free reader slots left behind by processes that died mid-read; stale readers
            // would otherwise pin old pages and make the file grow.
            var dead: Int32 = 0
            try check(mdb_reader_check(env, &dead), "mdb_reader_check")
            currentMapSize = try Self.mapSize(of: env)
        } catch {
            // mdb_env_open: "If this function fails, mdb_env_close() must be called to discard
            // the MDB_env handle." The same applies to failures before it.
            mdb_env_close(env)
            throw error
        }
        self.env = env
        self.gate = gate
        self.dbiLock = dbiLock
        self.path = directory
        self.options = options
    }

    deinit {
        // mdb_env_close: "All transactions, databases, and cursors must already be closed".
        // Transactions cannot outlive the closures that hold `self`, so they are.
        mdb_env_close(env)
    }

    /// Opens the named database, creating it (MDB_CREATE, in a write transaction) when `create`
    /// is true. Without `create` it uses a read transaction and throws `isNotFound` when the
    /// database does not exist. Open databases once, up front: this may not be called from
    /// inside a transaction body (it throws EDEADLK there).
    public func openDatabase(_ name: String, create: Bool) throws -> Database {
        try openDatabase(name, create: create, flags: 0)
    }

    /// Opens the named database of fixed-size values sorted under each key (MDB_DUPSORT |
    /// MDB_DUPFIXED): "This flag may only be used in combination with MDB_DUPSORT. This option
    /// tells the library that the data items for this database are all the same size". Each key
    /// holds its values packed in a page of their own, so many small values per key cost their
    /// bytes and little more. Read them with `forEachValue(_:key:_:)`; remove one with
    /// `delete(_:key:value:)`. As `openDatabase(_:create:)` otherwise.
    public func openFixedSizeDuplicatesDatabase(_ name: String, create: Bool) throws -> Database {
        try openDatabase(name, create: create, flags: UInt32(MDB_DUPSORT | MDB_DUPFIXED))
    }

    private func openDatabase(_ name: String, create: Bool, flags: UInt32) throws -> Database {
        // Holding dbiLock while waiting for the gate or the writer lock is only deadlock-free
        // because no thread inside a transaction ever waits for dbiLock.
        guard !gate.currentThreadIsInside else {
            throw LMDBError(code: EDEADLK, operation: "Environment.openDatabase (inside a transaction)")
        }
        // mdb_dbi_open: "This function must not be called from multiple concurrent transactions
        // in the same process. A transaction that uses this function must finish (either commit
        // or abort) before any other transaction in the process may use this function."
        return try dbiLock.withLock {
            if create {
                // MDB_CREATE: "This option is not allowed in a read-only transaction".
                return try write { try $0.openDatabase(name, flags: flags | UInt32(MDB_CREATE)) }
            }
            // The handle survives only if the transaction commits, read-only ones included.
            var database: Database?
            try withReadTransaction(committing: true) { database = try $0.openDatabase(name, flags: flags) }
            return database!
        }
    }

    /// Runs `body` in a read-only snapshot and returns its result. The snapshot ignores writes
    /// committed after it started. Copy out whatever bytes must outlive `body`.
    @inlinable
    public func read<R>(_ body: (borrowing ReadTransaction) throws -> R) throws -> R {
        // Inlinable, with the result kept here, so that it is specialised in the caller: the
        // generic transaction loop looked up its result type's metadata at run time on every
        // read (~650 instructions of a balance read's 11,200).
        var result: R?
        try withReadTransaction(committing: false) { result = try body($0) }
        return result!
    }

    /// Runs `body` in a write transaction; commits when it returns, aborts when it throws.
    ///
    /// Writers are serialised (by LMDB, across processes too), so this may wait.
    ///
    /// - Important: `body` may run more than once. If a write or the commit fails with
    ///   MDB_MAP_FULL, the transaction is aborted, the map grows (doubling, up to
    ///   ``EnvironmentOptions/maximumMapSize``) and `body` runs again from the start; only the
    ///   last run's writes are committed. Keep side effects outside the database idempotent, or
    ///   out of `body`. At the maximum, the error surfaces (`isMapFull`, unless `body` threw its
    ///   own error) and nothing of the transaction is written. Growth is impossible while this
    ///   thread is inside a ``read(_:)``, so a write nested in a read surfaces it immediately.
    @inlinable
    public func write<R>(_ body: (borrowing WriteTransaction) throws -> R) throws -> R {
        // Each run of `body` sets the result; the last run's is the one committed.
        var result: R?
        try writeCommitting { result = try body($0) }
        return result!
    }

    /// `write`, with the result left to the caller (see `read`).
    @usableFromInline
    func writeCommitting(_ body: (borrowing WriteTransaction) throws -> Void) throws {
        // LMDB's writer lock is a non-recursive mutex: a nested write on this thread would hang.
        guard !gate.currentThreadIsWriting else {
            throw LMDBError(code: EDEADLK, operation: "Environment.write (nested in a write on the same thread)")
        }
        while true {
            var generation = 0
            let attempt: Attempt = try gate.withShared(writing: true) {
                generation = mapGeneration
                return try attemptWrite(body)
            }
            switch attempt {
            case .finished: return
            case .mapResized(let error): try adoptResizedMap(after: error)
            case .mapFull(let error): try growMap(after: error, seenGeneration: generation)
            }
        }
    }

    /// Outcome of one try at a transaction; the retries happen outside the gate's shared side.
    enum Attempt {
        case finished
        /// mdb_txn_begin: "MDB_MAP_RESIZED - another process wrote data beyond this MDB_env's
        /// mapsize and this environment's map must be resized as well."
        case mapResized(LMDBError)
        /// The transaction hit MDB_MAP_FULL; carries what to throw if the map cannot grow.
        case mapFull(any Error)
    }

    /// Must run inside the gate's shared side.
    private func attemptWrite(_ body: (borrowing WriteTransaction) throws -> Void) throws -> Attempt {
        var mapFull: LMDBError?
        return try withUnsafeMutablePointer(to: &mapFull) { mapFull -> Attempt in
            let txn: WriteTransaction
            do {
                txn = try WriteTransaction(env, mapFull: mapFull)
            } catch let error as LMDBError where error.code == MDB_MAP_RESIZED {
                return .mapResized(error)
            }
            do {
                try body(txn)
            } catch {
                // Read before `txn` is aborted, while this thread still holds the writer lock.
                if mapFull.pointee != nil { return .mapFull(error) }
                throw error
            }
            // The body swallowed a MAP_FULL: LMDB would refuse the commit (MDB_BAD_TXN) anyway.
            if let error = mapFull.pointee { return .mapFull(error) }
            do {
                try txn.commit()
            } catch let error as LMDBError where error.isMapFull {
                return .mapFull(error)
            }
            return .finished
        }
    }

    /// Shared by `read` and `openDatabase` (which must commit to keep its handle).
    @usableFromInline
    func withReadTransaction(committing: Bool, _ body: (borrowing ReadTransaction) throws -> Void) throws {
        while true {
            let attempt: Attempt = try gate.withShared {
                let txn: ReadTransaction
                do {
                    txn = try ReadTransaction(env)
                } catch let error as LMDBError where error.code == MDB_MAP_RESIZED {
                    return .mapResized(error)
                }
                try body(txn)
                if committing { try txn.commit() }
                return .finished
            }
            switch attempt {
            case .finished: return
            case .mapResized(let error): try adoptResizedMap(after: error)
            case .mapFull(let error): throw error  // reads allocate no pages
            }
        }
    }
}
