import LMDB
import LedgerDomain
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Operational failures of the store: not rejections of events. Each case is one thing a caller
/// can act on (free disk space, fix permissions, restore a backup, wait for the clock); the
/// front end chooses the words, the exit code or the HTTP status. No case carries front-end
/// words (command names, flags).
public enum StoreError: Error, Equatable {
    /// No ledger in the directory: no data file, or one that an interrupted `create` left empty.
    case notALedger(String)
    /// The directory already holds a ledger, events, or what is left of a damaged ledger: a new
    /// one is not created over it.
    case alreadyExists(String)
    /// Written in a format newer than this build reads (`Ledger.formatVersion`).
    case newerFormat(found: UInt32, supported: UInt32)
    /// Written in a format this build no longer reads directly (older than
    /// `Ledger.formatVersion`): `Ledger.upgrade` rewrites it in the current one.
    case olderFormat(found: UInt32, current: UInt32)
    /// A format number no build ever wrote (0): not a ledger this code understands.
    case unknownFormat(found: UInt32)
    /// The store contradicts itself outside any one event (a missing chain tip, an index that
    /// names nothing).
    case damaged(String)
    /// The event stored at `seq` does not match its hash, its place or the indexes.
    case damagedEvent(seq: UInt64, detail: String)
    /// The memory map reached its maximum size: nothing of the transaction was written.
    case mapFull(LMDBError)
    /// The disk holding the ledger is full: nothing of the transaction was written.
    case diskFull(LMDBError)
    /// The user may not open the ledger's files (`forWriting`: for writing).
    case permissionDenied(directory: String, forWriting: Bool)
    /// The ledger is on a read-only file system and writing was asked for.
    case readOnlyFileSystem(directory: String)
    /// The ledger could not be opened for another reason (errno).
    case cannotOpen(directory: String, forWriting: Bool, errno: Int32)
    /// The ledger's directory could not be created or made private (errno).
    case cannotCreate(directory: String, errno: Int32)
    /// Another process holds what this one needs (every reader slot, a lock): try again later.
    case locked(LMDBError)
    /// SPEC 4.4: the clock is more than `Ledger.clockBehindToleranceMilliseconds` behind the
    /// latest `recorded_at`; nothing was written.
    case clockBehind(clock: Timestamp, latestRecorded: Timestamp)
    /// A view asked for events past the last one.
    case beyondLastEvent(requested: UInt64, last: UInt64)
    /// The operating system refused a thread (errno).
    case threadUnavailable(errno: Int32)
    /// The lock that keeps writers out of an import's commits (`import.lock`) failed (errno).
    case cannotLock(errno: Int32)
    /// The group committer was closed before the post could be committed.
    case committerClosed
    /// Any other LMDB failure, as LMDB reported it.
    case lmdb(LMDBError)

    /// `directory`, when given, is checked for free space: LMDB reports a write cut short by a
    /// full disk as EIO ("short write, filesystem full?"), which alone would mislead.
    static func wrap(_ error: LMDBError, directory: String? = nil) -> StoreError {
        if error.isMapFull { return .mapFull(error) }
        if error.code == ENOSPC || (error.code == EIO && directory.map(DiskSpace.isNearlyFull) == true) {
            return .diskFull(error)
        }
        if error.code == LMDBError.readersFullCode || error.code == EAGAIN || error.code == EBUSY { return .locked(error) }
        return .lmdb(error)
    }

    /// The failure to open `directory`'s environment (a positive errno from LMDB), by kind.
    static func opening(_ directory: String, forWriting: Bool, errno code: Int32) -> StoreError {
        switch code {
        case EACCES, EPERM: return .permissionDenied(directory: directory, forWriting: forWriting)
        case EROFS: return .readOnlyFileSystem(directory: directory)
        default: return .cannotOpen(directory: directory, forWriting: forWriting, errno: code)
        }
    }
}

extension StoreError: CustomStringConvertible {
    /// Plain words for logs and for front ends without words of their own.
    public var description: String {
        switch self {
        case .notALedger(let directory): return "no ledger at \(directory)"
        case .alreadyExists(let directory): return "a ledger already exists at \(directory)"
        case .newerFormat(let found, let supported):
            return "the ledger was written in format \(found) by a newer budget-ledger; this one reads format \(supported) at most"
        case .olderFormat(let found, let current):
            return "the ledger is in format \(found), which this budget-ledger no longer reads; upgrading rewrites it in format \(current)"
        case .unknownFormat(let found): return "the ledger's format number \(found) was never written by budget-ledger"
        case .damaged(let detail): return "the ledger is damaged: \(detail)"
        case .damagedEvent(let seq, let detail): return "the ledger is damaged at event seq \(seq): \(detail)"
        case .mapFull(let error): return "the ledger is full (\(error.description))"
        case .diskFull(let error): return "the disk holding the ledger is full (\(error.description))"
        case .permissionDenied(let directory, let forWriting):
            return "cannot open the ledger at \(directory)\(forWriting ? " for writing" : ""): \(String(cString: strerror(EACCES)))"
        case .readOnlyFileSystem(let directory):
            return "cannot open the ledger at \(directory) for writing: \(String(cString: strerror(EROFS)))"
        case .cannotOpen(let directory, let forWriting, let code):
            return "cannot open the ledger at \(directory)\(forWriting ? " for writing" : ""): \(String(cString: strerror(code)))"
        case .cannotCreate(let directory, let code): return "cannot create \(directory): \(String(cString: strerror(code)))"
        case .locked(let error): return "the ledger is busy (\(error.description))"
        case .clockBehind(let clock, let latest):
            return "the clock (\(clock)) is more than 5 minutes behind the latest recorded time (\(latest))"
        case .beyondLastEvent(let requested, let last): return "seq \(requested) is beyond the last event (seq \(last))"
        case .threadUnavailable(let code): return "cannot start a thread: \(String(cString: strerror(code)))"
        case .cannotLock(let code): return "cannot lock the ledger for an import: \(String(cString: strerror(code)))"
        case .committerClosed: return "the group committer is closed"
        case .lmdb(let error): return error.description
        }
    }
}
