import LMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Operational failures of the store (SPEC 6 exit code 1): not rejections of events.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case notALedger(String)
    case alreadyExists(String)
    case newerFormat(found: UInt32, supported: UInt32)
    /// A ledger in a format this build no longer reads directly: `budget-ledger upgrade` rewrites it.
    case olderFormat(found: UInt32, current: UInt32)
    case damaged(String)
    case storage(String)
    case input(String)

    public var description: String {
        switch self {
        case .notALedger(let path): return "no ledger at \(path) (create one with `budget-ledger init`)"
        case .alreadyExists(let path): return "a ledger already exists at \(path)"
        case .newerFormat(let found, let supported):
            return "the ledger was written in format \(found) by a newer budget-ledger; this one reads format \(supported) at most"
        case .olderFormat(let found, let current):
            return "the ledger is in format \(found), which this budget-ledger no longer reads: run `budget-ledger upgrade` to rewrite it in format \(current) (in place; nothing is lost)"
        case .damaged(let detail): return "the ledger is damaged: \(detail)"
        case .storage(let detail): return "storage failure: \(detail)"
        case .input(let detail): return detail
        }
    }

    /// `directory`, when given, is checked for free space: LMDB reports a write cut short by a
    /// full disk as EIO ("short write, filesystem full?"), which alone would mislead.
    static func wrap(_ error: LMDBError, directory: String? = nil) -> StoreError {
        if error.isMapFull {
            return .storage("the ledger is full (\(error.description)); free disk space or raise the map size limit")
        }
        if error.code == ENOSPC || (error.code == EIO && directory.map(DiskSpace.isNearlyFull) == true) {
            return .storage("the disk holding the ledger is full (\(error.description)); nothing was written: free disk space and try again")
        }
        return .storage(error.description)
    }
}
