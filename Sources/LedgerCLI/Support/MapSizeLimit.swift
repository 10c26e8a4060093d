import Foundation

/// `$BUDGET_LEDGER_MAP_SIZE_MAX` (bytes), deliberately undocumented in `--help`: caps how far
/// the ledger's memory map may grow, so that a full disk can be rehearsed without filling one.
/// Unset, the map grows up to LMDB's 1 TiB default.
enum MapSizeLimit {
    static func fromEnvironment() throws -> Int? {
        guard let text = ProcessInfo.processInfo.environment["BUDGET_LEDGER_MAP_SIZE_MAX"], !text.isEmpty else { return nil }
        guard let bytes = Int(text), bytes > 0 else {
            throw CommandFailure(status: .usage, message: "error: $BUDGET_LEDGER_MAP_SIZE_MAX \"\(text)\" is not a number of bytes")
        }
        return bytes
    }
}
