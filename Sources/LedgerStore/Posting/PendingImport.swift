import LMDB
import LedgerDomain

/// The mark an import of lines leaves in `meta` while it lands in several commits.
///
/// An import's commits append events, their id and budget index entries and reversal marks past
/// the chain tip; the projections and the tip are written only by its last commit, with the mark
/// removed. Readers see events up to the tip (`EventLookup`), so until then the ledger they read
/// is the one before the import. A writer that finds the mark waits for the import, or, when
/// the import's process is gone (`ImportLock`), deletes what it had written: a crash at any
/// instant leaves the ledger as it was before the file or with the whole file.
enum PendingImport {
    static let key = Array("import".utf8)

    /// The mark holds nothing: its presence says it all, and where the import's events begin is
    /// the chain tip, which no commit of the import moves until its last.
    static let mark: [UInt8] = []

    static func isPresent(in txn: borrowing some ReadableTransaction & ~Copyable, meta: Database) throws -> Bool {
        try txn.withValue(meta, key: key) { _ in true } ?? false
    }
}

/// Thrown inside a write transaction that found an import's mark, to leave it before acting.
struct PendingImportFound: Error {}

extension Ledger {
    /// How many lines an import checks and writes per commit. Each commit's dirty pages are held
    /// in memory until it lands, so this bounds what a file of any size costs; and each commit
    /// copies again every leaf its lines touch (an id index leaf and a budget index leaf per
    /// budget) and syncs, so fewer, larger commits cost less per line. `post` of 10,000,000 events
    /// over 1,000 budgets: 20,000 lines a commit 2 min 56 s at 146 MB peak, 50,000 2 min 20 s at
    /// 160 MB, 100,000 1 min 42 s at 179 MB (the target: under 256 MB).
    public static let defaultLinesPerCommit = 100_000

    /// How many events of an unfinished import one commit of its rollback deletes: deletes land
    /// all over the id index, so a rollback commit keeps the size imports used to have.
    static let rollbackEventsPerCommit = 20_000

    /// Whether an import's mark is in the ledger: one is landing, or one was cut short and not
    /// yet rolled back. The crash tests count the kills that fell between two commits with it.
    @_spi(Testing) public func hasUnfinishedImport() throws -> Bool {
        try read { txn in try PendingImport.isPresent(in: txn, meta: databases.meta) }
    }

    /// Deals with an import's mark found by a writer: waits for a live import to end (`wait`),
    /// or rolls back one that a crash cut short.
    func settlePendingImport(wait: Bool) throws {
        let lock = try ImportLock(directory: directory)
        if try !lock.tryLock() {
            guard wait else { return }
            try lock.lock(notice: whileWaitingForAnotherWriter)
        }
        // Held: any mark still there was left by an import that is no longer running.
        try rollBackPendingImport()
    }

    /// Deletes, newest first and a commit of `rollbackEventsPerCommit` events at a time, every
    /// event an unfinished import wrote past the chain tip with its index entries, then the mark.
    /// Only for a holder of the `ImportLock`. A crash part-way leaves a shorter run past the tip
    /// and the mark, which the next writer rolls back in turn.
    func rollBackPendingImport() throws {
        guard try read({ txn in try PendingImport.isPresent(in: txn, meta: databases.meta) }) else { return }
        var finished = false
        while !finished {
            finished = try write(asPartOfImport: true) { txn -> Bool in
                guard try PendingImport.isPresent(in: txn, meta: databases.meta) else { return true }
                let tipSeq = try tip(in: txn).seq
                var deleted = 0
                while deleted < Ledger.rollbackEventsPerCommit, let last = try txn.last(databases.events),
                      ByteReader.seq(last.key) > tipSeq {
                    try deleteEvent(seq: ByteReader.seq(last.key), stored: last.value, in: txn)
                    deleted += 1
                }
                guard deleted < Ledger.rollbackEventsPerCommit else { return false }
                _ = try txn.delete(databases.meta, key: PendingImport.key)
                return true
            }
        }
    }

    /// Deletes one event of an unfinished import and what its append wrote (`BatchPoster.append`).
    private func deleteEvent(seq: UInt64, stored value: [UInt8], in txn: borrowing WriteTransaction) throws {
        let seqKey = ByteWriter.key(seq: seq)
        let stored = try value.withUnsafeBytes { try StoredEvent(storedValue: $0) }
        let event = stored.event
        if try txn.withValue(databases.eventIDs, key: Array(event.id.utf8), { ByteReader.seq($0) }) == seq {
            _ = try txn.delete(databases.eventIDs, key: Array(event.id.utf8))
        }
        _ = try txn.delete(databases.budgetEvents, key: Array(event.budget.utf8), value: seqKey)
        if case .reversal(let reverses, _) = event.body,
           let target = try txn.withValue(databases.eventIDs, key: Array(reverses.utf8), { ByteReader.seq($0) }),
           try txn.withValue(databases.reversals, key: ByteWriter.key(seq: target), { ByteReader.seq($0) }) == seq {
            _ = try txn.delete(databases.reversals, key: ByteWriter.key(seq: target))
        }
        _ = try txn.delete(databases.effects, key: seqKey)
        _ = try txn.delete(databases.events, key: seqKey)
    }
}
