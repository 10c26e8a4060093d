#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LedgerStore

/// The command line's words for the store's typed errors (SPEC 6: exit 1), naming the command
/// or option that helps where one does.
extension StoreError {
    var commandFailure: CommandFailure {
        CommandFailure(status: .operationalFailure, message: "error: " + commandLineMessage)
    }

    var commandLineMessage: String {
        switch self {
        case .notALedger(let directory): return "no ledger at \(directory) (create one with `budget-ledger init`)"
        case .alreadyExists, .newerFormat, .unknownFormat, .damaged, .damagedEvent: return description
        case .olderFormat(let found, let current):
            return "the ledger is in format \(found), which this budget-ledger no longer reads: run `budget-ledger upgrade` to rewrite it in format \(current) (in place; nothing is lost)"
        case .mapFull(let error):
            return "storage failure: the ledger is full (\(error.description)); free disk space or raise the map size limit"
        case .diskFull(let error):
            return "storage failure: the disk holding the ledger is full (\(error.description)); nothing was written: free disk space and try again"
        case .permissionDenied, .readOnlyFileSystem, .cannotOpen, .cannotCreate, .lmdb, .threadUnavailable, .cannotLock, .committerClosed:
            return "storage failure: \(description)"
        case .locked(let error):
            return "the ledger is busy: \(error.description); try again when the other processes using it have finished"
        case .clockBehind(let clock, let latest):
            return "the clock says \(clock), more than 5 minutes before the latest recorded time \(latest); nothing was written: set the clock right and post again"
        case .beyondLastEvent(let requested, let last): return "--as-of-seq \(requested) is beyond the last event (seq \(last))"
        }
    }
}

extension InputError {
    var commandFailure: CommandFailure {
        CommandFailure(status: .operationalFailure, message: "error: " + commandLineMessage)
    }

    var commandLineMessage: String {
        switch self {
        case .cannotOpen(let path, let code), .readFailed(let path, let code):
            return "cannot read \(path): \(String(cString: strerror(code)))"
        case .isDirectory(let path): return "\(path) is a directory, not a file; nothing was read"
        case .unsupportedKind(let path, let kind):
            return "\(path) is \(kind), not a file: give a regular file or a pipe; nothing was read"
        case .tooLarge(let path, let limit):
            return "\(path) holds more than \(limit) bytes, the most set aside for a post from a pipe; post a file instead (it is read in place); nothing was written"
        case .carriageReturnLineEnds(let path):
            return "\(path): the lines end in a carriage return alone; convert the line ends to LF (or CR LF) and post again; nothing was read"
        case .cannotCopy(let path, let code):
            return "cannot copy \(path) to a private temporary file: \(String(cString: strerror(code)))"
        }
    }
}
