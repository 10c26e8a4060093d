import CLMDB

extension Environment {
    /// A read snapshot for a helper thread of a thread that is itself inside a transaction
    /// (a parallel scan, say). Such a helper must never wait for a map resize: the resize waits
    /// for every transaction to end, including the one whose thread waits for the helper. So
    /// this returns nil, running nothing, instead of waiting for the gate or adopting a map
    /// another process grew; the caller then does the work itself.
    public func readWithoutWaiting<R>(_ body: (borrowing ReadTransaction) throws -> R) throws -> R? {
        try gate.withSharedIfFree { () throws -> R? in
            let txn: ReadTransaction
            do {
                txn = try ReadTransaction(env)
            } catch let error as LMDBError where error.code == MDB_MAP_RESIZED {
                return nil
            }
            return try body(txn)
        } ?? nil
    }
}
