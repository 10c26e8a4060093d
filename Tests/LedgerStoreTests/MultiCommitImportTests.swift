import Foundation
import Synchronization
import Testing
import LedgerDomain
@_spi(Testing) @testable import LedgerStore

/// Issue 13: a file lands in several commits, in bounded memory, and stays all-or-nothing:
/// until its last commit every reader sees the ledger as it was before it, a rejection or an
/// error rolls every commit back, and other writers wait for it.
@Suite struct MultiCommitImportTests {
    /// The year's first 100 events, posted before each import: the state readers must keep seeing.
    static let firstLines = 100
    static let linesPerCommit = 100

    static func yearLines() throws -> [String] {
        try Fixtures.text("year-2025-26.jsonl").split(separator: "\n").map(String.init)
    }

    /// A ledger holding the year's first 100 events, and the rest of the year as text.
    static func ledgerWithTheYearBegun() throws -> (test: TestLedger, rest: String) {
        let lines = try yearLines()
        let test = try TestLedger()
        try test.post(lines.prefix(firstLines).joined(separator: "\n"))
        return (test, lines.dropFirst(firstLines).joined(separator: "\n") + "\n")
    }

    /// What a reader can see of the ledger, as the commands print it.
    struct Seen: Equatable {
        let lastSeq: UInt64
        let balances: String
        let export: String
        let audit: [UInt64]
        let verified: VerifyReport

        init(_ test: TestLedger) throws { try self.init(test.ledger) }

        init(_ ledger: Ledger) throws {
            lastSeq = try ledger.eventCount()
            balances = try ledger.budgetStates().map { String(decoding: BalanceReport.json($0), as: UTF8.self) + "\n" }.joined()
            var export = ""
            try ledger.export { export += String(decoding: $0.exportLine, as: UTF8.self) + "\n" }
            self.export = export
            var audit: [UInt64] = []
            try ledger.audit("PHB-0005") { audit.append($0.stored.envelope.seq) }
            self.audit = audit
            verified = try ledger.verify()
        }
    }

    /// The entries of each event-keyed database: nothing may be left past the chain tip.
    static func entryCounts(_ ledger: Ledger) throws -> [Int] {
        try ledger.read { txn in
            try [ledger.databases.events, ledger.databases.eventIDs, ledger.databases.budgetEvents].map { try txn.count($0) }
        }
    }

    @Test func untilItsLastCommitEveryReaderSeesTheLedgerAsItWasBeforeTheFile() throws {
        let (test, rest) = try Self.ledgerWithTheYearBegun()
        let before = try Seen(test)
        #expect(before.lastSeq == 100)
        let commitsSeen = Mutex<[Int]>([])
        let seenBetweenCommits = Mutex<[Seen]>([])
        // An event of the file's second commit (line 150 of the file): not recorded yet for readers.
        let laterLine = try Self.yearLines()[Self.firstLines + 150]
        let laterID = try #require((try JSONSerialization.jsonObject(with: Data(laterLine.utf8)) as? [String: Any])?["id"] as? String)
        let recordedBetweenCommits = Mutex<[Bool]>([])
        let ledger = test.ledger
        test.ledger.importCommitObserver = { commit in
            commitsSeen.withLock { $0.append(commit) }
            let seen = try? Seen(ledger)
            seenBetweenCommits.withLock { $0.append(contentsOf: seen.map { [$0] } ?? []) }
            let recorded = try? ledger.snapshot { try $0.isRecorded(eventID: laterID) }
            recordedBetweenCommits.withLock { $0.append(recorded ?? true) }
        }
        let report = try test.ledger.post(linesPerCommit: Self.linesPerCommit, clock: TestLedger.fixedClock) { ArrayLineSource(text: rest) }
        test.ledger.importCommitObserver = nil

        #expect(report.written == 1067)
        // 1,067 lines, 100 a commit: ten commits before the last, each followed by a look.
        #expect(commitsSeen.withLock { $0 } == Array(1...10))
        #expect(seenBetweenCommits.withLock { $0 } == Array(repeating: before, count: 10))
        #expect(recordedBetweenCommits.withLock { $0 }.allSatisfy { !$0 })
        // Landed whole: the same ledger as the year posted in one commit.
        let whole = try TestLedger()
        try whole.post(file: Fixtures.year)
        #expect(try test.balancesJSON() == whole.balancesJSON())
        #expect(try test.exportText() == whole.exportText())
        #expect(try test.balancesJSON() == Fixtures.text("expected/year-2025-26.balances.jsonl"))
        #expect(try !test.ledger.hasUnfinishedImport())
    }

    @Test func aRejectionInTheLastCommitRollsBackEveryEarlierCommit() throws {
        let (test, rest) = try Self.ledgerWithTheYearBegun()
        let before = try Seen(test)
        let counts = try Self.entryCounts(test.ledger)
        let bad = rest + #"{"id":"late-bad","type":"payment","budget":"PHB-0005","date":"2025-13-01"}"# + "\n"
        let report = try test.ledger.post(linesPerCommit: Self.linesPerCommit, clock: TestLedger.fixedClock) { ArrayLineSource(text: bad) }
        #expect(report.accepted == 1067)
        #expect(report.rejected == 1)
        #expect(report.written == 0)
        #expect(report.results.last?.rejection?.code == .missingField)
        #expect(report.results.allSatisfy { $0.seq == nil })
        #expect(try Seen(test) == before)
        #expect(try Self.entryCounts(test.ledger) == counts)
        #expect(try !test.ledger.hasUnfinishedImport())
        // --partial keeps its meaning: the accepted lines land, in several commits.
        let partial = try test.ledger.post(mode: .partial, linesPerCommit: Self.linesPerCommit, clock: TestLedger.fixedClock) {
            ArrayLineSource(text: bad)
        }
        #expect(partial.written == 1067)
        #expect(try test.balancesJSON() == Fixtures.text("expected/year-2025-26.balances.jsonl"))
    }

    @Test func anErrorPartWayRollsBackTheCommitsAlreadyMadeAndTheFilePostsAgain() throws {
        struct ReaderGaveUp: Error {}
        let (test, rest) = try Self.ledgerWithTheYearBegun()
        let before = try Seen(test)
        let counts = try Self.entryCounts(test.ledger)
        #expect(throws: ReaderGaveUp.self) {
            try test.ledger.post(linesPerCommit: Self.linesPerCommit, clock: TestLedger.fixedClock,
                                 openSource: { ArrayLineSource(text: rest) },
                                 eachResult: { if $0.line == 450 { throw ReaderGaveUp() } })
        }
        #expect(try Seen(test) == before)
        #expect(try Self.entryCounts(test.ledger) == counts)
        #expect(try !test.ledger.hasUnfinishedImport())
        // Nothing of the rolled-back commits lingers in the id index as a false duplicate.
        let again = try test.ledger.post(linesPerCommit: Self.linesPerCommit, clock: TestLedger.fixedClock) { ArrayLineSource(text: rest) }
        #expect(again.written == 1067)
        #expect(again.duplicates == 0)
    }

    /// Between two commits of an import, another writer of the same process finds the mark and
    /// waits for the import's lock; its event lands after the whole file.
    @Test func aWriterThatComesBetweenTwoCommitsWaitsForTheWholeImport() throws {
        let (test, rest) = try Self.ledgerWithTheYearBegun()
        let writerStalled = DispatchSemaphore(value: 0)
        let writerReport = Mutex<Result<PostReport, any Error>?>(nil)
        test.ledger.whileWaitingForAnotherWriter = { writerStalled.signal() }
        let late = Event(id: "late-allocation", budget: "PHB-0005", date: CalendarDate(iso: "2025-06-01")!,
                         body: .allocation(pot: nil, amount: Money(pence: 100), direction: nil))
        let ledger = test.ledger
        nonisolated(unsafe) let writer = Thread {  // started once, from the observer
            let result = Result { try ledger.post(events: [late], clock: TestLedger.fixedClock) }
            writerReport.withLock { $0 = result }
            writerStalled.signal()  // finished: also what a writer that did not wait would do
        }
        test.ledger.importCommitObserver = { commit in
            guard commit == 2 else { return }
            writer.start()
            writerStalled.wait()  // it waits (told after a second) or it has already written
        }
        let report = try test.ledger.post(linesPerCommit: Self.linesPerCommit, clock: TestLedger.fixedClock) { ArrayLineSource(text: rest) }
        test.ledger.importCommitObserver = nil
        #expect(report.written == 1067)
        #expect(writerReport.withLock { $0 } == nil, "the writer finished while the import was between commits")
        while writerReport.withLock({ $0 }) == nil { writerStalled.wait() }
        let posted = try writerReport.withLock { try $0!.get() }
        #expect(posted.results.first?.seq == 1168)
    }

    /// The map is grown between commits, ahead of need, so that no commit fills it: the
    /// import never has to start over, however large the file.
    @Test func anImportGrowsTheMapBetweenCommitsAndNeverStartsOver() throws {
        let directory = TestLedger.temporaryPath("growing")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Starts at a quarter of the cap (512 KiB): the year (~850 KiB) must grow it.
        let ledger = try Ledger.create(at: directory, maximumMapSize: 1 << 21)
        let opened = Mutex(0)
        let report = try ledger.post(linesPerCommit: Self.linesPerCommit, clock: TestLedger.fixedClock) {
            opened.withLock { $0 += 1 }
            return try LineReader(path: Fixtures.year)
        }
        #expect(opened.withLock { $0 } == 1)
        #expect(report.written == 1167)
        #expect(ledger.environment.mapSize > 1 << 19)
        #expect(try ledger.verify().isIntact)
    }

    /// LMDB begins a commit again after growing a full map; the lines it had read are gone, so
    /// the import rolls back and starts again from the first line.
    @Test func aMapThatFillsUnderALaterCommitRestartsTheImportFromItsFirstLine() throws {
        let directory = TestLedger.temporaryPath("growing")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = try Ledger.create(at: directory, maximumMapSize: 1 << 21)
        ledger.reservesMapSpaceForImports = false
        let opened = Mutex(0)
        let report = try ledger.post(linesPerCommit: Self.linesPerCommit, clock: TestLedger.fixedClock) {
            opened.withLock { $0 += 1 }
            return try LineReader(path: Fixtures.year)
        }
        #expect(opened.withLock { $0 } > 1)
        #expect(report.written == 1167)
        #expect(report.accepted == 1167)
        #expect(try ledger.verify().isIntact)
        let states = try ledger.budgetStates().map { String(decoding: BalanceReport.json($0), as: UTF8.self) + "\n" }.joined()
        #expect(states == (try Fixtures.text("expected/year-2025-26.balances.jsonl")))
    }
}
