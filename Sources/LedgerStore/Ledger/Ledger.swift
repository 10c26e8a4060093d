import LMDB
import LedgerDomain
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ledger on disk: one LMDB environment in a directory of its own.
///
/// Writers are serialised by LMDB (across processes too); readers see consistent snapshots.
public final class Ledger: @unchecked Sendable {
    /// The on-disk format this build writes and the newest it reads.
    /// Format 5 stores no dated totals: a budget's held changes and payments by date are needed
    /// only by a reconciliation and by reports, which fold them from the budget's events, while
    /// storing them made every commit rewrite each touched budget's latest windows. Format 4
    /// keyed the dated totals by window before pot and series; format 3 put pot and series
    /// first. Format 3 keeps a budget's events as 8-byte seqs packed under its id (`budget_seqs`);
    /// format 2 kept each as a key of its own (`budget_events`). Format 2 keeps each budget's
    /// projection as a fixed-size head plus small entries (see `ProjectionEntries`); format 1
    /// kept it as one record that grew with the budget's history. `upgrade` rewrites each of them.
    public static let formatVersion: UInt32 = 5

    /// SPEC 4.4: a clock up to this far behind the latest `recorded_at` records that time again;
    /// further behind, a post is refused (`StoreError.clockBehind`).
    public static let clockBehindToleranceMilliseconds: Int64 = 5 * 60 * 1000

    public let directory: String
    public let currency: String
    /// True when the ledger was opened read-only without LMDB's lock file, because the user may
    /// read the directory but not write it (see `open`). A writer elsewhere would go unnoticed.
    public let isOpenWithoutLockFile: Bool
    let environment: Environment
    let databases: LedgerDatabases
    /// When to hand the map's touched pages back (see `MappedPageBudget`). Tests give one that
    /// reads a scripted resident size; set it before the ledger is shared between threads.
    var mappedPages = MappedPageBudget()
    /// Called (on another thread) when a write has waited `WriterWait.noticeDelay` for another
    /// writer. Set it before the ledger is shared between threads.
    public var whileWaitingForAnotherWriter: (@Sendable () -> Void)?
    /// Told, inside each transaction of this instance, that it began (see `TransactionObserver`).
    @_spi(Testing) public var transactionObserver: TransactionObserver?
    /// Told, outside any transaction, after each commit of an import but its last, with the
    /// number of its commits so far: the instants a crash must leave nothing visible.
    @_spi(Testing) public var importCommitObserver: (@Sendable (Int) -> Void)?
    /// Whether an import grows the map ahead of its commits (see `reserveMapSpace`); the tests
    /// turn it off to rehearse a map that fills under a later commit.
    @_spi(Testing) public var reservesMapSpaceForImports = true
    /// The projections the typed bulk path (`post(events:)`, `computeAndPost`) left at its last
    /// commit, lent to its next (see `ProjectionCarry`).
    let bulkCarry = ProjectionCarry()

    private init(directory: String, environment: Environment, databases: LedgerDatabases, currency: String) {
        self.directory = directory
        self.environment = environment
        self.databases = databases
        self.currency = currency
        self.isOpenWithoutLockFile = environment.options.withoutLockFile
    }

    static func dataFile(in directory: String) -> String { directory + "/data.mdb" }

    /// The map starts at 1 GiB (address space, not disk) and doubles when full, up to
    /// `maximumMapSize` (1 TiB when nil); past it a post fails as "full". Under a smaller cap it
    /// starts at a quarter of the cap, so that growth, and the rerun of a post that it forces,
    /// can be rehearsed with test-sized files.
    static func environmentOptions(readOnly: Bool, durable: Bool, maximumMapSize: Int? = nil) -> EnvironmentOptions {
        var options = EnvironmentOptions()
        options.maxDatabases = UInt32(LedgerDatabases.names.count + UserDirectory.databaseNames.count + 2)
        if let maximumMapSize { options.maximumMapSize = maximumMapSize }
        options.initialMapSize = max(1, min(1 << 30, options.maximumMapSize / 4))
        options.readOnly = readOnly
        options.durable = durable
        return options
    }

    /// Opens the LMDB environment, naming the directory and the access wanted when that fails
    /// (a read-only file system, a directory or file the user may not write).
    ///
    /// Read-only, LMDB still opens (and on first use creates) `lock.mdb` for writing. When the
    /// user may read the ledger but not write its directory or lock file (EACCES), the only way
    /// to read it is without the lock file (MDB_NOLOCK); the ledger says so
    /// (`isOpenWithoutLockFile`). On a read-only file system LMDB does this by itself.
    static func environment(at directory: String, options: EnvironmentOptions) throws -> Environment {
        do {
            return try Environment(directory: directory, options: options)
        } catch let error as LMDBError where error.code > 0 {
            if options.readOnly, !options.withoutLockFile, error.code == EACCES || error.code == EPERM,
               access(dataFile(in: directory), R_OK) == 0 {
                var withoutLock = options
                withoutLock.withoutLockFile = true
                return try environment(at: directory, options: withoutLock)
            }
            throw StoreError.opening(directory, forWriting: !options.readOnly, errno: error.code)
        }
    }

    /// Creates an empty ledger; refuses when one exists. The directory is private to its owner
    /// (the events hold personal references), an existing one too.
    ///
    /// A data file that holds no ledger yet is what an `init` killed half-way leaves behind (LMDB
    /// creates the file before the first commit); it is finished rather than refused, so the
    /// directory never gets stuck between "a ledger already exists" and "no ledger". Only an
    /// empty store is finished: one holding any event, chain tip or projection (a ledger whose
    /// format record was lost, say) is refused, never given a new chain tip.
    ///
    /// ```swift
    /// let ledger = try Ledger.create(at: "/var/lib/budgets", currency: "GBP")
    /// ```
    public static func create(at directory: String, currency: String = "GBP", durable: Bool = true,
                              maximumMapSize: Int? = nil) throws -> Ledger {
        if access(dataFile(in: directory), F_OK) == 0 {
            do {
                // Read-only, so that nothing is written into an existing (perhaps newer) ledger.
                _ = try open(at: directory, readOnly: true, durable: durable)
                throw StoreError.alreadyExists(directory)
            } catch StoreError.newerFormat, StoreError.unknownFormat, StoreError.olderFormat {
                throw StoreError.alreadyExists(directory)
            } catch StoreError.notALedger {
                // An interrupted init (or a damaged ledger: the write below tells them apart).
            }
        }
        if mkdir(directory, 0o700) != 0 {
            guard errno == EEXIST else { throw StoreError.cannotCreate(directory: directory, errno: errno) }
            // An existing directory is made as private as a new one.
            guard chmod(directory, 0o700) == 0 else { throw StoreError.cannotCreate(directory: directory, errno: errno) }
        }
        do {
            let options = environmentOptions(readOnly: false, durable: durable, maximumMapSize: maximumMapSize)
            let environment = try environment(at: directory, options: options)
            let databases = try LedgerDatabases(environment: environment, create: true)
            try environment.write { txn in
                for database in databases.all where try txn.first(database) != nil {
                    throw StoreError.alreadyExists(directory)
                }
                var format = ByteWriter()
                format.uint32(formatVersion)
                try txn.put(databases.meta, key: Array("format".utf8), value: format.bytes)
                try txn.put(databases.meta, key: Array("currency".utf8), value: Array(currency.utf8))
                try txn.put(databases.meta, key: Array("tip".utf8), value: ChainTip.empty.encoded)
            }
            return Ledger(directory: directory, environment: environment, databases: databases, currency: currency)
        } catch let error as LMDBError {
            throw StoreError.wrap(error)
        }
    }

    /// Opens an existing ledger. Read-only, it also opens on read-only media (LMDB then runs
    /// without its lock file, which nobody can be writing there anyway), and where the user may
    /// read but not write (see `isOpenWithoutLockFile`).
    /// - Throws: `StoreError.notALedger`, `.newerFormat`, `.olderFormat`, `.unknownFormat`, `.permissionDenied`, …
    ///
    /// Open a ledger once per process and share the instance between threads.
    ///
    /// ```swift
    /// let ledger = try Ledger.open(at: "/var/lib/budgets")                   // to post
    /// let reports = try Ledger.open(at: "/var/lib/budgets", readOnly: true)  // to read only
    /// ```
    public static func open(at directory: String, readOnly: Bool = false, durable: Bool = true,
                            maximumMapSize: Int? = nil) throws -> Ledger {
        try open(at: directory, readOnly: readOnly, durable: durable, maximumMapSize: maximumMapSize, upgrading: false).ledger
    }

    /// Opens a ledger and says which format it is in. `upgrading` accepts an older format (and,
    /// writable, creates the databases the current one adds); otherwise one is refused with
    /// `StoreError.olderFormat`, which says how to upgrade.
    static func open(at directory: String, readOnly: Bool, durable: Bool, maximumMapSize: Int?,
                     upgrading: Bool) throws -> (ledger: Ledger, format: UInt32) {
        // An empty data file is what an init killed before LMDB's first write leaves; opened
        // read-only, LMDB would try to initialise it and fail with EBADF.
        var file = stat()
        guard stat(dataFile(in: directory), &file) == 0, file.st_size > 0 else { throw StoreError.notALedger(directory) }
        do {
            let options = environmentOptions(readOnly: readOnly, durable: durable, maximumMapSize: maximumMapSize)
            let environment = try environment(at: directory, options: options)
            let meta: Database
            do {
                meta = try environment.openDatabase("meta", create: false)
            } catch let error as LMDBError where error.isNotFound {
                throw StoreError.notALedger(directory)
            }
            // The format first: an older ledger lacks databases the current one opens.
            let (format, currency) = try environment.read { txn -> (UInt32?, String?) in
                let format = try storedFormat(in: txn, meta: meta)
                let currency = try txn.get(meta, key: Array("currency".utf8)).map { String(decoding: $0, as: UTF8.self) }
                return (format, currency)
            }
            guard let format else { throw StoreError.notALedger(directory) }
            guard format <= formatVersion else { throw StoreError.newerFormat(found: format, supported: formatVersion) }
            guard format >= 1 else { throw StoreError.unknownFormat(found: format) }
            guard format == formatVersion || upgrading else { throw StoreError.olderFormat(found: format, current: formatVersion) }
            let databases: LedgerDatabases
            do {
                databases = try LedgerDatabases(environment: environment, create: format < formatVersion && !readOnly)
            } catch let error as LMDBError where error.isNotFound {
                throw StoreError.notALedger(directory)
            }
            let ledger = Ledger(directory: directory, environment: environment, databases: databases, currency: currency ?? "GBP")
            // An import a crash cut short is rolled back now; one still running is left to end.
            if !readOnly, try environment.read({ try PendingImport.isPresent(in: $0, meta: databases.meta) }) {
                try ledger.settlePendingImport(wait: false)
            }
            return (ledger, format)
        } catch let error as LMDBError {
            throw StoreError.wrap(error)
        }
    }

    /// Runs a read transaction, turning LMDB failures into `StoreError`.
    func read<R>(_ body: (borrowing ReadTransaction) throws -> R) throws -> R {
        do {
            return try environment.read { txn in
                transactionObserver?.began(.read)
                return try body(txn)
            }
        } catch let error as LMDBError {
            throw StoreError.wrap(error)
        }
    }

    /// A read snapshot for a helper thread that must not wait (see `Environment.readWithoutWaiting`).
    func readWithoutWaiting<R>(_ body: (borrowing ReadTransaction) throws -> R) throws -> R? {
        do { return try environment.readWithoutWaiting(body) } catch let error as LMDBError { throw StoreError.wrap(error) }
    }

    /// Counts one step through the map (an event written or read, a budget's projection written
    /// back) and hands the map's pages back when due.
    func noteMapStep() { noteMapSteps(1) }

    /// Counts `count` steps through the map at once (see `MapStepBatch`).
    func noteMapSteps(_ count: Int) {
        if mappedPages.spend(count) {
            environment.releaseMappedPages()
            mappedPages.released()
        }
    }

    /// Runs a write transaction, turning LMDB failures into `StoreError`. While it waits for a
    /// writer in another process, `whileWaitingForAnotherWriter` is told (once).
    ///
    /// A transaction that finds an unfinished import's mark (`PendingImport`) is left before
    /// `body` runs: the writer waits for the import to end, or rolls back one that a crash cut
    /// short, and then begins again. Only the import's own commits (`asPartOfImport`) write
    /// past the mark.
    func write<R>(asPartOfImport: Bool = false, _ body: (borrowing WriteTransaction) throws -> R) throws -> R {
        while true {
            do {
                return try writeOnce { txn in
                    if !asPartOfImport, try PendingImport.isPresent(in: txn, meta: databases.meta) { throw PendingImportFound() }
                    return try body(txn)
                }
            } catch is PendingImportFound {
                try settlePendingImport(wait: true)
            }
        }
    }

    private func writeOnce<R>(_ body: (borrowing WriteTransaction) throws -> R) throws -> R {
        let wait = WriterWait(notice: whileWaitingForAnotherWriter)
        defer { wait.end() }
        do {
            return try environment.write { txn in
                wait.end()
                transactionObserver?.began(.write)
                return try body(txn)
            }
        } catch let error as LMDBError {
            throw StoreError.wrap(error, directory: directory)
        }
    }

    /// The last committed event: what every reader sees up to (see `EventLookup`).
    func tip(in txn: borrowing some ReadableTransaction & ~Copyable) throws -> ChainTip {
        try Self.tip(in: txn, meta: databases.meta)
    }

    static func tip(in txn: borrowing some ReadableTransaction & ~Copyable, meta: Database) throws -> ChainTip {
        guard let tip = try txn.withValue(meta, key: Array("tip".utf8), { bytes throws(StoreError) in try ChainTip(encoded: bytes) }) else {
            throw StoreError.damaged("the chain tip is missing")
        }
        return tip
    }

    /// The format recorded in `meta`; nil when there is none (not a ledger).
    static func storedFormat(in txn: borrowing some ReadableTransaction & ~Copyable, meta: Database) throws -> UInt32? {
        try txn.withValue(meta, key: Array("format".utf8)) { try ByteReader($0).uint32Value() }
    }

    /// The number of events recorded.
    public func eventCount() throws -> UInt64 { try read { txn in try tip(in: txn).seq } }
}

extension ByteReader {
    func uint32Value() throws(StoreError) -> UInt32 {
        var copy = self
        return try copy.uint32()
    }
}
