import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Hot backup, flushing and statistics.
extension Environment {
    /// Writes a consistent snapshot of the environment to `directory/data.mdb` while readers and
    /// writers carry on (a hot backup; mdb_env_copyfd2). `directory` is created (mode 0700) if
    /// missing and must not already hold a `data.mdb`. With `compacting`, free pages are omitted
    /// and pages renumbered (MDB_CP_COMPACT: "consumes more CPU and runs more slowly").
    /// The copy is created with `options.fileMode` and fsynced before this returns.
    /// Not callable inside a write body: the plain copy briefly takes the writer lock.
    public func copy(to directory: String, compacting: Bool) throws {
        guard !gate.currentThreadIsWriting else {
            throw LMDBError(code: EDEADLK, operation: "Environment.copy (inside a write transaction)")
        }
        // A directory made here is removed again if the copy fails; an existing one is made as
        // private as a new one (the copy holds the same personal data).
        let madeDirectory = mkdir(directory, 0o700) == 0
        if !madeDirectory {
            guard errno == EEXIST else { throw LMDBError(code: errno, operation: "mkdir(\(directory))") }
            guard chmod(directory, 0o700) == 0 else { throw LMDBError(code: errno, operation: "chmod(\(directory))") }
        }
        do {
            try copy(toFileIn: directory, compacting: compacting)
        } catch {
            if madeDirectory { rmdir(directory) }
            throw error
        }
    }

    /// Creates `directory/data.mdb` (it must not exist) and copies into it.
    private func copy(toFileIn directory: String, compacting: Bool) throws {
        // We create the file instead of using mdb_env_copy2, which creates it with mode 0666
        // (minus umask): backups of the ledger must stay owner-only, and be fsynced.
        let file = directory + "/data.mdb"
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, options.fileMode)
        guard fd >= 0 else { throw LMDBError(code: errno, operation: "open(\(file))") }
        do {
            try copy(to: fd, compacting: compacting)
            guard fsync(fd) == 0 else { throw LMDBError(code: errno, operation: "fsync(\(file))") }
        } catch {
            close(fd)  // already failing; the first error is the one to report
            unlink(file)  // leave no partial backup behind
            throw error
        }
        guard close(fd) == 0 else {
            let code = errno
            unlink(file)
            throw LMDBError(code: code, operation: "close(\(file))")
        }
        try syncDirectory(directory)
    }

    private func copy(to fd: Int32, compacting: Bool) throws {
        // mdb_env_copy2 flags, another set again: "MDB_CP_COMPACT - Perform compaction while copying".
        let flags = compacting ? UInt32(MDB_CP_COMPACT) : 0
        while true {
            // The copy runs its own read transaction over the map, so the map must stay put.
            let rc = gate.withShared { mdb_env_copyfd2(env, fd, flags) }
            guard rc == MDB_MAP_RESIZED else { return try check(rc, "mdb_env_copyfd2") }
            // Nothing was written: the copy's transaction failed to begin.
            try adoptResizedMap(after: LMDBError(code: rc, operation: "mdb_env_copyfd2"))
        }
    }

    /// Makes the new directory entry durable too.
    private func syncDirectory(_ directory: String) throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw LMDBError(code: errno, operation: "open(\(directory))") }
        defer { close(fd) }  // read-only descriptor: nothing to lose if close fails
        guard fsync(fd) == 0 else { throw LMDBError(code: errno, operation: "fsync(\(directory))") }
    }

    /// Flushes committed data to disk (mdb_env_sync with force). Only needed when
    /// `options.durable` is false. "This call is not valid if the environment was opened with
    /// MDB_RDONLY" — it throws EACCES then.
    public func sync() throws {
        try gate.withShared { try check(mdb_env_sync(env, 1), "mdb_env_sync") }
    }

    /// Statistics for `db` in a fresh read snapshot (entry count, pages, …).
    public func statistics(_ db: Database) throws -> DatabaseStatistics {
        try read { try $0.statistics(db) }
    }
}
