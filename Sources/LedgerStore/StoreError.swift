import LMDB

/// Operational failures of the store (SPEC 6 exit code 1): not rejections of events.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case notALedger(String)
    case alreadyExists(String)
    case newerFormat(found: UInt32, supported: UInt32)
    case damaged(String)
    case storage(String)
    case input(String)

    public var description: String {
        switch self {
        case .notALedger(let path): return "no ledger at \(path) (create one with `budget-ledger init`)"
        case .alreadyExists(let path): return "a ledger already exists at \(path)"
        case .newerFormat(let found, let supported):
            return "the ledger was written in format \(found) by a newer budget-ledger; this one reads format \(supported) at most"
        case .damaged(let detail): return "the ledger is damaged: \(detail)"
        case .storage(let detail): return "storage failure: \(detail)"
        case .input(let detail): return detail
        }
    }

    static func wrap(_ error: LMDBError) -> StoreError {
        .storage(error.isMapFull ? "the ledger is full (\(error.description)); free disk space or raise the map size limit" : error.description)
    }
}
