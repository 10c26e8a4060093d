import CLMDB

// Map size bookkeeping. mdb_env_set_mapsize: "It may be called at later times if no transactions
// are active in this process" — hence everything that changes the size runs under
// `gate.withExclusive`, and a thread already inside a transaction never asks for it.
extension Environment {
    /// Current size of the memory map in bytes (grows as writes need it).
    public var mapSize: Int {
        gate.withShared { currentMapSize }
    }

    /// Largest key LMDB accepts (mdb_env_get_maxkeysize; 511 by default). Longer or empty keys
    /// throw MDB_BAD_VALSIZE.
    public var maxKeySize: Int {
        Int(mdb_env_get_maxkeysize(env))
    }

    /// Doubles the map (capped at maximumMapSize) after a transaction hit MDB_MAP_FULL, then
    /// returns so the caller retries. Throws `error` when the map cannot grow.
    func growMap(after error: any Error, seenGeneration: Int) throws {
        // A write nested in a read on this thread: waiting for exclusivity would deadlock.
        guard !gate.currentThreadIsInside else { throw error }
        try gate.withExclusive {
            // Another writer grew (or adopted) the map since our attempt began: just retry.
            guard mapGeneration == seenGeneration else { return }
            let maximum = options.maximumMapSize
            guard currentMapSize < maximum else { throw error }
            let doubled = currentMapSize > maximum / 2 ? maximum : currentMapSize * 2
            // "Any attempt to set a size smaller than the space already consumed by the
            // environment will be silently changed to the current size of the used space."
            try check(mdb_env_set_mapsize(env, doubled), "mdb_env_set_mapsize")
            try refreshMapSize()
        }
    }

    /// Grows the map, doubling (up to `maximumMapSize`), until at least `bytes` lie free above
    /// the last page in use. A run of commits calls it between them so that the next one does
    /// not stop at MDB_MAP_FULL: LMDB would then abort it, and a caller whose input that
    /// transaction had consumed must start over. Past the maximum it does nothing (the write
    /// then fails as it would have); inside a transaction on this thread it does nothing.
    public func reserveFreeSpace(_ bytes: Int) throws {
        guard !gate.currentThreadIsInside else { return }
        try gate.withExclusive {
            while currentMapSize < options.maximumMapSize {
                guard currentMapSize - (try usedBytes) < bytes else { return }
                let maximum = options.maximumMapSize
                let doubled = currentMapSize > maximum / 2 ? maximum : currentMapSize * 2
                try check(mdb_env_set_mapsize(env, doubled), "mdb_env_set_mapsize")
                try refreshMapSize()
            }
        }
    }

    /// Bytes of the data file in use: every page up to the last one written (pages freed below
    /// it are reused first).
    public var usedBytes: Int {
        get throws {
            var info = MDB_envinfo()
            try check(mdb_env_info(env, &info), "mdb_env_info")
            var stat = MDB_stat()
            try check(mdb_env_stat(env, &stat), "mdb_env_stat")
            return (info.me_last_pgno + 1) * Int(stat.ms_psize)
        }
    }

    /// Adopts a map grown by another process, after mdb_txn_begin returned MDB_MAP_RESIZED:
    /// "This function may be called with a size of zero to adopt the new size."
    func adoptResizedMap(after error: LMDBError) throws {
        guard !gate.currentThreadIsInside else { throw error }
        try gate.withExclusive {
            try check(mdb_env_set_mapsize(env, 0), "mdb_env_set_mapsize")
            try refreshMapSize()
        }
    }

    /// Under the gate's exclusive side.
    private func refreshMapSize() throws {
        currentMapSize = try Self.mapSize(of: env)
        mapGeneration &+= 1
    }

    static func mapSize(of env: OpaquePointer) throws -> Int {
        var info = MDB_envinfo()
        try check(mdb_env_info(env, &info), "mdb_env_info")
        return info.me_mapsize
    }
}
