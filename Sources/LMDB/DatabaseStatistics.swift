import CLMDB

/// A snapshot of a database's B-tree (mdb_stat) as seen by one transaction.
public struct DatabaseStatistics: Sendable, Hashable {
    /// Number of key/value pairs.
    public let entries: Int
    /// Page size in bytes (the same for every database of an environment).
    public let pageSize: Int
    /// Height of the B-tree.
    public let depth: Int
    public let branchPages: Int
    public let leafPages: Int
    /// Pages holding values too large for a leaf page.
    public let overflowPages: Int

    /// Bytes the database occupies in the map.
    public var totalBytes: Int { (branchPages + leafPages + overflowPages) * pageSize }

    init(_ stat: MDB_stat) {
        entries = Int(stat.ms_entries)
        pageSize = Int(stat.ms_psize)
        depth = Int(stat.ms_depth)
        branchPages = Int(stat.ms_branch_pages)
        leafPages = Int(stat.ms_leaf_pages)
        overflowPages = Int(stat.ms_overflow_pages)
    }
}
