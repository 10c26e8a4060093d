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
    public static let formatVersion: UInt32 = 1

    public let directory: String
    public let currency: String
    let environment: Environment
    let databases: LedgerDatabases
    /// When to hand the map's touched pages back (see `MappedPageBudget`).
    let mappedPages = MappedPageBudget()

    private init(directory: String, environment: Environment, databases: LedgerDatabases, currency: String) {
        self.directory = directory
        self.environment = environment
        self.databases = databases
        self.currency = currency
    }

    static func dataFile(in directory: String) -> String { directory + "/data.mdb" }

    static func environmentOptions(readOnly: Bool, durable: Bool) -> EnvironmentOptions {
        var options = EnvironmentOptions()
        options.maxDatabases = UInt32(LedgerDatabases.names.count + 2)
        options.initialMapSize = 1 << 30
        options.readOnly = readOnly
        options.durable = durable
        return options
    }

    /// Creates an empty ledger; refuses when one exists. The directory is private to its owner
    /// (the events hold personal references).
    public static func create(at directory: String, currency: String = "GBP", durable: Bool = true) throws -> Ledger {
        if access(dataFile(in: directory), F_OK) == 0 { throw StoreError.alreadyExists(directory) }
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw StoreError.storage("cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        do {
            let environment = try Environment(directory: directory, options: environmentOptions(readOnly: false, durable: durable))
            let databases = try LedgerDatabases(environment: environment, create: true)
            try environment.write { txn in
                if try txn.get(databases.meta, key: Array("format".utf8)) != nil { throw StoreError.alreadyExists(directory) }
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

    /// Opens an existing ledger. - Throws: `StoreError.notALedger`, `.newerFormat`, `.storage`.
    public static func open(at directory: String, readOnly: Bool = false, durable: Bool = true) throws -> Ledger {
        guard access(dataFile(in: directory), F_OK) == 0 else { throw StoreError.notALedger(directory) }
        do {
            let environment = try Environment(directory: directory, options: environmentOptions(readOnly: readOnly, durable: durable))
            let databases: LedgerDatabases
            do {
                databases = try LedgerDatabases(environment: environment, create: false)
            } catch let error as LMDBError where error.isNotFound {
                throw StoreError.notALedger(directory)
            }
            let (format, currency) = try environment.read { txn -> (UInt32?, String?) in
                let format = try txn.withValue(databases.meta, key: Array("format".utf8)) { try ByteReader($0).uint32Value() }
                let currency = try txn.get(databases.meta, key: Array("currency".utf8)).map { String(decoding: $0, as: UTF8.self) }
                return (format, currency)
            }
            guard let format else { throw StoreError.notALedger(directory) }
            guard format <= formatVersion else { throw StoreError.newerFormat(found: format, supported: formatVersion) }
            return Ledger(directory: directory, environment: environment, databases: databases, currency: currency ?? "GBP")
        } catch let error as LMDBError {
            throw StoreError.wrap(error)
        }
    }

    /// Runs a read transaction, turning LMDB failures into `StoreError`.
    func read<R>(_ body: (borrowing ReadTransaction) throws -> R) throws -> R {
        do { return try environment.read(body) } catch let error as LMDBError { throw StoreError.wrap(error) }
    }

    /// A read snapshot for a helper thread that must not wait (see `Environment.readWithoutWaiting`).
    func readWithoutWaiting<R>(_ body: (borrowing ReadTransaction) throws -> R) throws -> R? {
        do { return try environment.readWithoutWaiting(body) } catch let error as LMDBError { throw StoreError.wrap(error) }
    }

    /// Counts events that went through the map and hands its pages back when due.
    func noteMapped(events count: Int) {
        if mappedPages.spend(count) { environment.releaseMappedPages() }
    }

    func write<R>(_ body: (borrowing WriteTransaction) throws -> R) throws -> R {
        do { return try environment.write(body) } catch let error as LMDBError { throw StoreError.wrap(error) }
    }

    func tip(in txn: borrowing some ReadableTransaction & ~Copyable) throws -> ChainTip {
        guard let tip = try txn.withValue(databases.meta, key: Array("tip".utf8), { bytes throws(StoreError) in try ChainTip(encoded: bytes) }) else {
            throw StoreError.damaged("the chain tip is missing")
        }
        return tip
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
