import LMDB
import LedgerDomain
#if canImport(Glibc)
import Glibc
#endif

extension Ledger {
    /// A consistent, compacted copy of the ledger taken while it stays in use (LMDB copies from
    /// one read snapshot) into `directory`, which must not hold a ledger yet. The copy is a
    /// ledger in its own right: it opens, verifies and reports the same digest.
    ///
    /// ```swift
    /// try ledger.backup(to: "/backups/2026-11-23")
    /// let copy = try Ledger.open(at: "/backups/2026-11-23", readOnly: true)
    /// ```
    public func backup(to directory: String) throws {
        do {
            try environment.copy(to: directory, compacting: true)
        } catch let error as LMDBError where error.code == EEXIST {
            throw StoreError.alreadyExists(directory)
        } catch let error as LMDBError {
            throw StoreError.wrap(error)
        }
    }
}
