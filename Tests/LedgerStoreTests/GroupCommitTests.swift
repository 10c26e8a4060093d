import Foundation
import Testing
import LedgerDomain
import LedgerWorkload
@testable import LedgerStore

/// Group commit: concurrent single postings share durable commits, each with its own result.
@Suite struct GroupCommitTests {
    /// Poster `p` posts budget `p`'s events of a workload, in order, one at a time.
    static func eventsByPoster(_ posters: Int, each: Int) -> [[Event]] {
        precondition(each >= 8, "a workload gives each budget at least 8 events")
        let byBudget = Dictionary(grouping: Workload(events: posters * each, budgets: posters), by: \.budget)
        #expect(byBudget.count == posters)
        return byBudget.keys.sorted().map { byBudget[$0]! }
    }

    @Test func sixtyFourConcurrentPostersEachGetTheirOwnResult() async throws {
        let test = try TestLedger()
        let committer = try GroupCommitter(ledger: test.ledger, clock: TestLedger.fixedClock)
        let events = Self.eventsByPoster(64, each: 25)
        let results = try await withThrowingTaskGroup(of: [LineResult].self) { group in
            for poster in events {
                group.addTask {
                    var results: [LineResult] = []
                    for event in poster { results.append(try await committer.post(event)) }
                    return results
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(results.count == 64 * 25)
        #expect(results.allSatisfy { $0.status == .accepted && $0.line == 1 })
        // Every event got its own seq, and the ids came back to the right callers.
        #expect(Set(results.compactMap(\.seq)) == Set(1...UInt64(64 * 25)))
        #expect(Set(results.compactMap(\.id)) == Set(events.joined().map(\.id)))
        #expect(try test.ledger.verify().isIntact)
        // Fewer commits than events: they were shared.
        let versions = try test.ledger.budgetStates().map(\.version)
        #expect(versions.allSatisfy { $0 == 25 })
    }

    @Test func aRejectedEventIsRejectedAloneAndTheOthersAreWritten() async throws {
        let test = try TestLedger()
        let committer = try GroupCommitter(ledger: test.ledger, clock: TestLedger.fixedClock)
        let events = Self.eventsByPoster(16, each: 8)
        // Open every budget first, then post good and bad events side by side.
        for poster in events { _ = try await committer.post(poster[0]) }
        let bad = [#"{"id":"bad-1","type":"payment","budget":"PHB-000001","date":"2025-05-01","payee":"x","category":"gambling","amount":"5"}"#,
                   #"{"id":"bad-2","type":"allocation","budget":"PHB-404","date":"2025-05-01","amount":"5"}"#,
                   "{not json", ""]
        let results = try await withThrowingTaskGroup(of: (String?, LineResult).self) { group in
            for poster in events {
                group.addTask { (poster[1].id, try await committer.post(poster[1])) }
            }
            for line in bad {
                group.addTask { (nil, try await committer.post(line: Array(line.utf8))) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let rejected = results.filter { $0.1.status == .rejected }.map { $0.1.rejection!.code }
        #expect(rejected.sorted { $0.rawValue < $1.rawValue } == [.excludedCategory, .malformedJSON, .malformedJSON, .unknownBudget])
        #expect(results.filter { $0.1.status == .accepted }.count == 16)
        #expect(try test.ledger.eventCount() == 32)
        #expect(try test.ledger.read { txn in try EventLookup(reader: TransactionReader(txn), databases: test.ledger.databases).seq(ofID: "bad-1") } == nil)
        #expect(try test.ledger.verify().isIntact)
    }

    /// The writer posts requests as they arrive, so an all-or-nothing batch with a rejection can
    /// turn up in the middle of a gather: it is left out whole, and the commit carries the rest.
    @Test func allOrNothingBatchesAmongSinglePostersLandWholeOrNotAtAll() async throws {
        let test = try TestLedger()
        let committer = try GroupCommitter(ledger: test.ledger, clock: TestLedger.fixedClock)
        let events = Self.eventsByPoster(32, each: 8)
        let singles = events[..<24], wholes = events[24..<28], spoiled = events[28...]
        func lines(_ events: some Sequence<Event>) -> [InputLine] {
            events.enumerated().map { index, event in
                var event = event
                event.actor = nil
                return InputLine(number: index + 1, bytes: Workload.line(event))
            }
        }
        let unknownBudget = InputLine(number: 9, bytes: Array(#"{"id":"x-1","type":"allocation","budget":"PHB-404","date":"2025-05-01","amount":"5"}"#.utf8))
        let reports = try await withThrowingTaskGroup(of: [PostReport].self) { group in
            for poster in singles {
                group.addTask {
                    var report = PostReport()
                    for event in poster { report.add(try await committer.post(event)) }
                    report.written = report.accepted
                    return [report]
                }
            }
            for poster in wholes {
                group.addTask {
                    [try await committer.post(batch: lines(poster.prefix(4)), mode: .allOrNothing, postedBy: "finance.officer@icb.nhs.uk"),
                     try await committer.post(batch: lines(poster.dropFirst(4)), mode: .allOrNothing, postedBy: "finance.officer@icb.nhs.uk")]
                }
            }
            for poster in spoiled {
                group.addTask {
                    [try await committer.post(batch: lines(poster) + [unknownBudget], mode: .allOrNothing, postedBy: "finance.officer@icb.nhs.uk")]
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let written = reports.filter { $0.written > 0 }, refused = reports.filter { $0.written == 0 }
        #expect(written.count == 24 + 8 && refused.count == 4)
        #expect(written.allSatisfy { $0.rejected == 0 && $0.results.allSatisfy { $0.seq != nil } })
        // A refused batch says which line and why, and none of its lines has a seq.
        #expect(refused.allSatisfy { $0.accepted == 8 && $0.rejected == 1 && $0.results.allSatisfy { $0.seq == nil } })
        #expect(refused.allSatisfy { $0.results.last?.rejection?.code == .unknownBudget && $0.results.last?.line == 9 })
        #expect(try test.ledger.eventCount() == 28 * 8)
        let budgets = Set(try test.ledger.budgetStates().map(\.budget))
        #expect(budgets == Set(events[..<28].map { $0[0].budget }))
        #expect(try test.ledger.verify().isIntact)
    }

    @Test func aDuplicateAndAConflictWithinOneCommitAreReportedAsSuch() async throws {
        let test = try TestLedger()
        let committer = try GroupCommitter(ledger: test.ledger, clock: TestLedger.fixedClock)
        let opening = Self.eventsByPoster(1, each: 8)[0][0]
        var conflicting = opening
        conflicting.note = "different"
        async let first = committer.post(opening)
        async let second = committer.post(opening)
        async let third = committer.post(conflicting)
        let statuses = try await [first, second, third].map { $0.status }
        #expect(statuses.filter { $0 == .accepted }.count == 1)
        #expect(try test.ledger.eventCount() == 1)
    }

    @Test func anEventIsCommittedBeforeItsPosterHearsBack() async throws {
        let directory = TestLedger.temporaryPath("durable")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let events = Self.eventsByPoster(4, each: 8)
        do {
            let ledger = try Ledger.create(at: directory)
            let committer = try GroupCommitter(ledger: ledger)
            for event in events.joined() {
                let result = try await committer.post(event)
                #expect(result.status == .accepted, "\(result)")
                // Committed: a new read transaction (as another process would start) sees it.
                #expect(try ledger.eventCount() == result.seq)
            }
        }
        // The ledger and its committer are gone; opening it again finds every event.
        let reopened = try Ledger.open(at: directory)
        #expect(try reopened.eventCount() == 32)
        #expect(try reopened.verify().isIntact)
    }
}

/// The writer's gathering target: what kept a split group split before (it followed the last
/// commit's size alone, so two halves each waited only for their own size from then on).
@Suite struct GatherTargetTests {
    @Test func aLonePosterNeverWaits() {
        #expect(GatherTarget().target == 1)
    }

    @Test func oneSmallCommitDoesNotLowerTheTarget() {
        var target = GatherTarget()
        target.record(64)
        target.record(20)
        target.record(44)
        #expect(target.target == 64)
    }

    @Test func theTargetFollowsTheCallersOnceTheLargerGroupIsLongGone() {
        var target = GatherTarget()
        target.record(64)
        for _ in 0..<GatherTarget.remembered { target.record(3) }
        #expect(target.target == 3)
    }

    /// The committer keeps the projections its last commit wrote (`ProjectionCarry`), but a
    /// write from elsewhere in between moves the chain tip and must be seen: here it spends the
    /// money, so the committer's next payment is refused, and versions and balances stay exact.
    @Test func aWriteFromElsewhereBetweenTwoCommitsIsCheckedAgainst() async throws {
        let test = try TestLedger()
        let committer = try GroupCommitter(ledger: test.ledger, clock: TestLedger.fixedClock)
        let opening = #"{"id":"o1","type":"budget_opened","budget":"PHB-1","date":"2025-04-01","person":"P-9","holding_model":"direct_payment","period_start":"2025-04-01","period_end":"2026-03-31"}"#
        let allocation = #"{"id":"a1","type":"allocation","budget":"PHB-1","date":"2025-04-01","amount":"1200"}"#
        let transfer = #"{"id":"t1","type":"direct_payment_transfer","budget":"PHB-1","date":"2025-04-02","amount":"400"}"#
        for line in [opening, allocation, transfer] {
            #expect(try await committer.post(line: Array(line.utf8)).status == .accepted)
        }
        // Another writer (the library, a CLI, another process) spends all that was transferred.
        let elsewhere = try test.post(#"{"id":"p1","type":"payment","budget":"PHB-1","date":"2025-04-09","payee":"PA","category":"personal_care","amount":"400"}"#)
        #expect(elsewhere.written == 1)
        let overspend = #"{"id":"p2","type":"payment","budget":"PHB-1","date":"2025-04-10","payee":"PA","category":"personal_care","amount":"0.01"}"#
        let refused = try await committer.post(line: Array(overspend.utf8))
        #expect(refused.status == .rejected)
        #expect(refused.rejection?.code == .insufficientFunds)
        let topUp = #"{"id":"t2","type":"direct_payment_transfer","budget":"PHB-1","date":"2025-04-11","amount":"100"}"#
        let accepted = try await committer.post(line: Array(topUp.utf8))
        #expect(accepted.status == .accepted && accepted.seq == 5)
        let state = try #require(try test.ledger.budgetState("PHB-1"))
        #expect(state.version == 5)
        #expect(state.pots[0].transferred == Money(pence: 500_00))
        #expect(state.pots[0].spent == Money(pence: 400_00))
        #expect(try test.ledger.verify().isIntact)
    }

    /// What the carry lends must be exactly what a read of the store gives, field for field, or
    /// the committer's next commit would check events against a projection no other process
    /// sees. The fixture year and its care-plan layer (every event type), 40 lines per commit.
    @Test func carriedProjectionsEqualWhatTheStoreReadsBack() throws {
        let test = try TestLedger()
        let carry = ProjectionCarry()
        let lines = try [Fixtures.year, Fixtures.folder + "/care-plan-2025-26.jsonl"].flatMap { path in
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { Array($0.utf8) }
        }
        var written = 0
        for start in stride(from: 0, to: lines.count, by: 40) {
            let report = try test.ledger.postBatch(mode: .partial, carry: carry) { poster, txn, report in
                for (offset, line) in lines[start..<min(start + 40, lines.count)].enumerated() {
                    let decoded = DecodedLine(InputLine(number: start + offset + 1, bytes: line))
                    if let result = try poster.post(decoded, clock: TestLedger.fixedClock, in: txn) { report.add(result) }
                }
            }
            #expect(report.rejected == 0)
            written += report.written
            try BulkCarryTests.expectCarried(carry, isWhatTheStoreGives: test.ledger, after: start + 40)
        }
        #expect(written == 1167 + 108)
        #expect(try test.ledger.verify().isIntact)
    }
}
