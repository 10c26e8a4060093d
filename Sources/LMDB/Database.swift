import CLMDB

/// A named database (MDB_dbi) in an ``Environment``. Handles are plain numbers, valid for the
/// lifetime of the environment that opened them and shared by all its transactions.
public struct Database: Sendable, Hashable {
    let dbi: MDB_dbi
    /// The name it was opened with, for diagnostics.
    public let name: String

    init(dbi: MDB_dbi, name: String) {
        self.dbi = dbi
        self.name = name
    }
}
