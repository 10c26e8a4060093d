import Foundation
import Testing
import LMDB
@testable import LedgerStore

/// LMDB creates the data file when the environment opens, before `init` commits the ledger's
/// format: an `init` killed in between leaves a data file that holds no ledger.
@Suite struct InterruptedInitTests {
    /// Killed before LMDB wrote its first page: an empty data file (and perhaps a lock file).
    @Test func anEmptyDataFileIsNoLedgerAndTheNextInitMakesOne() throws {
        let directory = TestLedger.temporaryPath("empty-data-file")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        try #require(FileManager.default.createFile(atPath: directory + "/data.mdb", contents: nil))
        #expect(throws: StoreError.notALedger(directory)) { try Ledger.open(at: directory, readOnly: true) }
        #expect(throws: StoreError.notALedger(directory)) { try Ledger.open(at: directory) }
        let ledger = try Ledger.create(at: directory)
        #expect(try ledger.verify().isIntact)
    }

    @Test func aDataFileWithoutALedgerIsFinishedByTheNextInit() throws {
        let directory = TestLedger.temporaryPath("interrupted-init")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        do {
            // What the killed init got as far as: the environment and its first database.
            let environment = try Environment(directory: directory, options: Ledger.environmentOptions(readOnly: false, durable: true))
            _ = try environment.openDatabase("meta", create: true)
        }
        #expect(throws: StoreError.notALedger(directory)) { try Ledger.open(at: directory) }
        let ledger = try Ledger.create(at: directory)
        #expect(try ledger.eventCount() == 0)
        #expect(try ledger.verify().isIntact)
        #expect(throws: StoreError.alreadyExists(directory)) { try Ledger.create(at: directory) }
    }
}
