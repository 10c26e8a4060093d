import Foundation
import Testing
import LedgerDomain
import LedgerWorkload
@testable import LedgerStore

/// Replay reads movements straight from canonical bytes and writes only what differs.
@Suite struct ReplayTests {
    static func postedWorkload(events: Int = 6_000) throws -> TestLedger {
        let test = try TestLedger()
        let report = try test.ledger.post(events: Array(Workload(events: events, budgets: 40)), clock: TestLedger.fixedClock)
        #expect(report.written == events)
        return test
    }

    @Test func replayingAnIntactLedgerLeavesItsFileUntouched() throws {
        let test = try Self.postedWorkload()
        let before = try Data(contentsOf: URL(fileURLWithPath: test.directory + "/data.mdb"))
        let replayed = try test.ledger.replay()
        #expect(replayed.events == 6_000)
        #expect(replayed.budgets == 40)
        #expect(try Data(contentsOf: URL(fileURLWithPath: test.directory + "/data.mdb")) == before)
    }

    @Test(arguments: [6_000, 30_000])
    func replayRepairsChangedStaleAndMissingProjectionsAndReversalMarks(events: Int) throws {
        let test = try Self.postedWorkload(events: events)
        let balances = try test.balancesJSON()
        let databases = test.ledger.databases
        let someReversal = try test.ledger.read { txn in try txn.first(databases.reversals) }
        try test.ledger.write { txn in
            let (key, value) = try txn.first(databases.budgets)!
            try txn.put(databases.budgets, key: key, value: value.dropLast())                          // changed
            try txn.put(databases.budgets, key: Array("PHB-STALE".utf8), value: value)              // stale
            _ = try txn.delete(databases.budgets, key: Array("PHB-000002".utf8))                   // missing
            try txn.put(databases.reversals, key: ByteWriter.key(seq: 1), value: ByteWriter.key(seq: 2))  // wrong mark
            if let (key, _) = someReversal { _ = try txn.delete(databases.reversals, key: key) }        // missing mark
        }
        #expect(try !test.ledger.verify().isIntact)
        try test.ledger.replay()
        #expect(try test.ledger.verify().isIntact)
        #expect(try test.balancesJSON() == balances)
        // Format 2 keeps commitments as entries of their own: each is checked and repaired
        // too, and named by its budget.
        let (changedKey, changedValue) = try #require(try test.ledger.read { txn in try txn.first(databases.commitments) })
        let (missingKey, _) = try #require(try test.ledger.read { txn in try txn.last(databases.commitments) })
        #expect(ProjectionEntries.budget(ofKey: changedKey) != ProjectionEntries.budget(ofKey: missingKey))
        try test.ledger.write { txn in
            try txn.put(databases.commitments, key: changedKey, value: changedValue.dropLast() + [changedValue.last! ^ 1])  // changed
            _ = try txn.delete(databases.commitments, key: missingKey)                                                       // missing
            try txn.put(databases.commitments, key: Array("PHB-STALE".utf8) + [0] + Array("c-1".utf8), value: changedValue)  // stale
        }
        let report = try test.ledger.verify()
        #expect(report.projectionMismatches == Set([
            "budget PHB-STALE: a projection is stored but the budget has no events",
            "budget \(ProjectionEntries.budget(ofKey: missingKey)): the stored projection differs from a replay of its events",
            "budget \(ProjectionEntries.budget(ofKey: changedKey)): the stored projection differs from a replay of its events",
        ]).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        try test.ledger.replay()
        #expect(try test.ledger.verify().isIntact)
        #expect(try test.balancesJSON() == balances)
    }

    /// Format 3: the budget index (`budget_seqs`) decides which events an audit trail shows, so
    /// verify holds it against the chain, naming each budget whose entries do not list exactly
    /// its events, and replay lists them again.
    @Test func verifyNamesABudgetIndexThatHidesOrMovesAnEventAndReplayListsThemAgain() throws {
        let test = try Self.postedWorkload()
        let databases = test.ledger.databases
        func seqs(in trail: String) throws -> [UInt64] {
            var seqs: [UInt64] = []
            try test.ledger.audit(trail) { seqs.append($0.stored.envelope.seq) }
            return seqs
        }
        let (first, second) = try test.ledger.read { txn in
            var budgets: [String] = []
            try txn.forEach(databases.budgetEvents) { key, _ in
                let budget = String(decoding: key, as: UTF8.self)
                if budgets.last != budget { budgets.append(budget) }
                return budgets.count < 2
            }
            return (budgets[0], budgets[1])
        }
        let (firstTrail, secondTrail) = (try seqs(in: first), try seqs(in: second))
        #expect(firstTrail.count == 150 && secondTrail.count == 150)
        // One event hidden from the first budget's trail and shown in the second's; a budget
        // with no events given one.
        try test.ledger.write { txn in
            #expect(try txn.delete(databases.budgetEvents, key: Array(first.utf8), value: ByteWriter.key(seq: firstTrail[3])))
            try txn.put(databases.budgetEvents, key: Array(second.utf8), value: ByteWriter.key(seq: firstTrail[3]))
            try txn.put(databases.budgetEvents, key: Array("PHB-STALE".utf8), value: ByteWriter.key(seq: 1))
        }
        #expect(try seqs(in: first) == firstTrail.filter { $0 != firstTrail[3] })
        let report = try test.ledger.verify()
        #expect(report.firstBadEvent == nil)
        #expect(report.projectionMismatches == [first, second, "PHB-STALE"].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
            "budget \($0): its event index (budget_seqs) does not list exactly its events"
        })
        try test.ledger.replay()
        #expect(try test.ledger.verify().isIntact)
        #expect(try seqs(in: first) == firstTrail)
        #expect(try seqs(in: second) == secondTrail)
        #expect(try test.ledger.read { txn in try txn.get(databases.budgetEvents, key: Array("PHB-STALE".utf8)) } == nil)
    }

    /// Issue 13: replay folds each event's stored money effect; verify checks every effect
    /// against its event's canonical bytes, and replay refuses (writing nothing) a log with an
    /// effect changed or missing: a changed effect never becomes a balance (issue 9).
    /// 6,000 events are checked and folded by one thread, 30,000 with the chain check on a
    /// second (`Ledger.parallelFoldMinimum`).
    @Test(arguments: [6_000, 30_000])
    func verifyNamesAChangedOrMissingMoneyEffectAndReplayRefusesEither(events: Int) throws {
        let test = try Self.postedWorkload(events: events)
        let databases = test.ledger.databases
        var movement: (key: [UInt8], value: [UInt8])?
        try test.ledger.read { txn in
            try txn.forEach(databases.effects) { key, value in
                if value.count > 1 { movement = (Array(key), Array(value)) }
                return movement == nil
            }
        }
        let (key, value) = try #require(movement)
        let seq = ByteReader.seq(key)
        #expect(try test.ledger.verify().isIntact)
        var changed = value
        changed[14] ^= 1  // the amount's last byte: one penny more or less
        try test.ledger.write { txn in try txn.put(databases.effects, key: key, value: changed) }
        let report = try test.ledger.verify()
        #expect(report.firstBadEvent == nil)
        #expect(report.projectionMismatches.count == 1)
        #expect(report.projectionMismatches.first?.hasPrefix(
            "money effects: 1 event has a stored money effect that is missing or differs from its canonical bytes, the first at seq \(seq) (id \"") == true)
        let changedFile = try Data(contentsOf: URL(fileURLWithPath: test.directory + "/data.mdb"))
        #expect(throws: StoreError.damagedEvent(seq: seq, detail: "event seq \(seq) has a stored money effect that differs from its canonical bytes")) {
            try test.ledger.replay()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: test.directory + "/data.mdb")) == changedFile)

        try test.ledger.write { txn in _ = try txn.delete(databases.effects, key: key) }
        #expect(try !test.ledger.verify().isIntact)
        let before = try Data(contentsOf: URL(fileURLWithPath: test.directory + "/data.mdb"))
        #expect(throws: StoreError.damagedEvent(seq: seq, detail: "event seq \(seq) has no stored money effect")) { try test.ledger.replay() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: test.directory + "/data.mdb")) == before)
        try test.ledger.write { txn in try txn.put(databases.effects, key: key, value: value) }
        #expect(try test.ledger.verify().isIntact)
    }

    /// Replay's chain scan reads each event's id from its bytes, without a decode, and refuses
    /// (writing nothing) when the id index does not name the event, as verify's full check does.
    @Test(arguments: [6_000, 30_000])
    func replayRefusesAnEventItsIdIndexDoesNotName(events: Int) throws {
        let test = try Self.postedWorkload(events: events)
        let databases = test.ledger.databases
        let stored = try #require(try test.ledger.read { txn in
            try EventLookup(reader: TransactionReader(txn), databases: databases).storedEvent(seq: 4_321)
        })
        try test.ledger.write { txn in _ = try txn.delete(databases.eventIDs, key: Array(stored.event.id.utf8)) }
        let detail = "event seq 4321 (id \"\(stored.event.id)\") is not indexed under its id"
        #expect(try test.ledger.verify().firstBadEvent == detail)
        let before = try Data(contentsOf: URL(fileURLWithPath: test.directory + "/data.mdb"))
        #expect(throws: StoreError.damagedEvent(seq: 4_321, detail: detail)) { try test.ledger.replay() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: test.directory + "/data.mdb")) == before)
        try test.ledger.write { txn in try txn.put(databases.eventIDs, key: Array(stored.event.id.utf8), value: ByteWriter.key(seq: 4_321)) }
        #expect(try test.ledger.verify().isIntact)
    }

    /// The id index is checked by one walk in key order against the events (`EventIDIndexPrint`),
    /// not searched per event: an entry that names an event by an id that is not its own (a
    /// later post of that id would be taken for a repeat) is found and named too, and an event
    /// missing from the index before a break in the chain is named before the break.
    @Test(arguments: [6_000, 30_000])
    func verifyAndReplayNameAnIdIndexEntryForAnEventThatDoesNotHaveThatID(events: Int) throws {
        let test = try Self.postedWorkload(events: events)
        let databases = test.ledger.databases
        let lookup = { (seq: UInt64) in
            try #require(try test.ledger.read { txn in
                try EventLookup(reader: TransactionReader(txn), databases: databases).storedEvent(seq: seq)
            })
        }
        let dataFile = URL(fileURLWithPath: test.directory + "/data.mdb")
        let named = try lookup(1_234)
        try test.ledger.write { txn in try txn.put(databases.eventIDs, key: Array("PHB-EXTRA/pay-1".utf8), value: ByteWriter.key(seq: 1_234)) }
        let detail = "event seq 1234 (id \"\(named.event.id)\") is also indexed under the id \"PHB-EXTRA/pay-1\""
        let report = try test.ledger.verify()
        #expect(report.firstBadEvent == detail)
        let before = try Data(contentsOf: dataFile)
        #expect(throws: StoreError.damagedEvent(seq: 1_234, detail: detail)) { try test.ledger.replay() }
        #expect(try Data(contentsOf: dataFile) == before)
        try test.ledger.write { txn in _ = try txn.delete(databases.eventIDs, key: Array("PHB-EXTRA/pay-1".utf8)) }
        #expect(try test.ledger.verify().isIntact)

        // An event missing from the index at seq 1,000 comes before a changed hash at seq 2,000.
        let unindexed = try lookup(1_000)
        let changedKey = ByteWriter.key(seq: 2_000)
        let original = try #require(try test.ledger.read { txn in try txn.get(databases.events, key: changedKey) })
        try test.ledger.write { txn in
            _ = try txn.delete(databases.eventIDs, key: Array(unindexed.event.id.utf8))
            try txn.put(databases.events, key: changedKey, value: [original[0] ^ 1] + original.dropFirst())
        }
        let first = "event seq 1000 (id \"\(unindexed.event.id)\") is not indexed under its id"
        let broken = try test.ledger.verify()
        #expect(broken.firstBadEvent == first)
        #expect(broken.eventsChecked == 999)
        let beforeBoth = try Data(contentsOf: dataFile)
        #expect(throws: StoreError.damagedEvent(seq: 1_000, detail: first)) { try test.ledger.replay() }
        #expect(try Data(contentsOf: dataFile) == beforeBoth)
        try test.ledger.write { txn in try txn.put(databases.events, key: changedKey, value: original) }

        // It comes before a changed money effect at seq 2,000 too, which the fold meets.
        var effect = try #require(try test.ledger.read { txn in try txn.get(databases.effects, key: changedKey) })
        effect[effect.count - 1] ^= 1
        try test.ledger.write { txn in try txn.put(databases.effects, key: changedKey, value: effect) }
        let beforeEffect = try Data(contentsOf: dataFile)
        #expect(throws: StoreError.damagedEvent(seq: 1_000, detail: first)) { try test.ledger.replay() }
        #expect(try Data(contentsOf: dataFile) == beforeEffect)
        effect[effect.count - 1] ^= 1
        try test.ledger.write { txn in
            try txn.put(databases.effects, key: changedKey, value: effect)
            try txn.put(databases.eventIDs, key: Array(unindexed.event.id.utf8), value: ByteWriter.key(seq: 1_000))
        }
        #expect(try test.ledger.replay().events == UInt64(events))
    }

    /// An index entry is held against its event's id byte for byte: U+212A KELVIN SIGN is
    /// canonically the letter K, so `String` equality would take the entry for the event's own.
    @Test func anIdIndexEntrySpelledWithACanonicallyEqualCharacterIsNamed() throws {
        let test = try TestLedger()
        try test.post(#"{"id":"PHB-K/open-1","type":"budget_opened","budget":"PHB-K","date":"2025-04-01","person":"P-1","holding_model":"notional","period_start":"2025-04-01","period_end":"2026-03-31","actor":"a@b"}"#)
        let kelvin = "PHB-\u{212A}/open-1"
        #expect(kelvin == "PHB-K/open-1")  // as Swift compares strings
        try test.ledger.write { txn in try txn.put(test.ledger.databases.eventIDs, key: Array(kelvin.utf8), value: ByteWriter.key(seq: 1)) }
        #expect(try test.ledger.verify().firstBadEvent == "event seq 1 (id \"PHB-K/open-1\") is also indexed under the id \"\(kelvin)\"")
        try test.ledger.write { txn in _ = try txn.delete(test.ledger.databases.eventIDs, key: Array(kelvin.utf8)) }
    }

    /// Replay names the first fault in seq order, whether one thread checks and folds (6,000
    /// events) or the chain check runs beside the fold (30,000): an amount changed in an event's
    /// stored bytes breaks the chain where its effect stops matching too, and the break is
    /// named; an effect changed at an earlier event is named before it. Nothing is written.
    @Test(arguments: [6_000, 30_000])
    func replayNamesTheFirstFaultInSeqOrder(events: Int) throws {
        let test = try Self.postedWorkload(events: events)
        let databases = test.ledger.databases
        func firstMovement(from seq: Int) throws -> (key: [UInt8], effect: [UInt8]) {
            var found: (key: [UInt8], effect: [UInt8])?
            try test.ledger.read { txn in
                try txn.forEach(databases.effects, from: ByteWriter.key(seq: UInt64(seq))) { key, value in
                    if value.count > 1 { found = (Array(key), Array(value)) }
                    return found == nil
                }
            }
            return try #require(found)
        }
        let dataFile = URL(fileURLWithPath: test.directory + "/data.mdb")

        let late = try firstMovement(from: events * 2 / 3)
        let lateSeq = ByteReader.seq(late.key)
        let lateID = try #require(try test.ledger.read { txn in
            try EventLookup(reader: TransactionReader(txn), databases: databases).storedEvent(seq: lateSeq)
        }).event.id
        let original = try #require(try test.ledger.read { txn in try txn.get(databases.events, key: late.key) })
        var tampered = original
        let amount = try #require(tampered.firstRange(of: Array(#""amount":""#.utf8)))
        tampered[amount.upperBound] = tampered[amount.upperBound] == UInt8(ascii: "9") ? UInt8(ascii: "8") : tampered[amount.upperBound] + 1
        try test.ledger.write { txn in try txn.put(databases.events, key: late.key, value: tampered) }
        let before = try Data(contentsOf: dataFile)
        #expect(throws: StoreError.damagedEvent(seq: lateSeq, detail: "event seq \(lateSeq) (id \"\(lateID)\") stored bytes do not match its hash")) {
            try test.ledger.replay()
        }
        #expect(try Data(contentsOf: dataFile) == before)

        let early = try firstMovement(from: events / 3)
        let earlySeq = ByteReader.seq(early.key)
        #expect(earlySeq < lateSeq)
        var changed = early.effect
        changed[14] ^= 1  // the amount's last byte
        try test.ledger.write { txn in try txn.put(databases.effects, key: early.key, value: changed) }
        let beforeBoth = try Data(contentsOf: dataFile)
        #expect(throws: StoreError.damagedEvent(seq: earlySeq, detail: "event seq \(earlySeq) has a stored money effect that differs from its canonical bytes")) {
            try test.ledger.replay()
        }
        #expect(try Data(contentsOf: dataFile) == beforeBoth)
        try test.ledger.write { txn in
            try txn.put(databases.events, key: late.key, value: original)
            try txn.put(databases.effects, key: early.key, value: early.effect)
        }
        #expect(try test.ledger.replay().events == UInt64(events))
    }

    /// No event has seq 0. An event stored there is named by replay, as one walk from the first
    /// key names it (its id is indexed under seq 1, so that is the first fault), and nothing is
    /// written; an effect stored there belongs to no event, so no
    /// share folds it (verify names it), and replay rebuilds the same projections.
    @Test(arguments: [6_000, 30_000])
    func replayNamesAnEventStoredAtSeqZeroAndFoldsNoEffectStoredThere(events: Int) throws {
        let test = try Self.postedWorkload(events: events)
        let databases = test.ledger.databases
        let dataFile = URL(fileURLWithPath: test.directory + "/data.mdb")
        let zero = ByteWriter.key(seq: 0)
        let first = ByteWriter.key(seq: 1)
        var movement: [UInt8]?
        try test.ledger.read { txn in
            try txn.forEach(databases.effects) { _, value in
                if value.count > 1 { movement = Array(value) }
                return movement == nil
            }
        }
        let effect = try #require(movement)

        try test.ledger.write { txn in try txn.put(databases.effects, key: zero, value: effect) }
        let withStrayEffect = try Data(contentsOf: dataFile)
        #expect(try test.ledger.replay().events == UInt64(events))
        #expect(try Data(contentsOf: dataFile) == withStrayEffect)  // every projection as it was
        #expect(try !test.ledger.verify().isIntact)
        try test.ledger.write { txn in _ = try txn.delete(databases.effects, key: zero) }

        let event = try #require(try test.ledger.read { txn in try txn.get(databases.events, key: first) })
        try test.ledger.write { txn in try txn.put(databases.events, key: zero, value: event) }
        let before = try Data(contentsOf: dataFile)
        #expect(throws: StoreError.self) { try test.ledger.replay() }
        do {
            try test.ledger.replay()
        } catch StoreError.damagedEvent(let seq, let detail) {
            #expect(seq == 0)
            #expect(detail.hasPrefix("event seq 0 (id "))  // its id is indexed at seq 1, where it is expected
        }
        #expect(try Data(contentsOf: dataFile) == before)
        try test.ledger.write { txn in _ = try txn.delete(databases.events, key: zero) }
        #expect(try test.ledger.verify().isIntact)
    }

    /// A share of replay skips the other share's movements by the budget id read in place from
    /// each stored effect: it must be the id the whole decode gives, for every effect stored.
    @Test func theBudgetReadInPlaceFromAnEffectIsTheOneItsDecodeGives() throws {
        let test = try Self.postedWorkload(events: 2_000)
        var movements = 0, others = 0
        try test.ledger.read { txn in
            try txn.forEach(test.ledger.databases.effects) { _, value in
                if let reading = try MoneyEffect.decode(value) {
                    #expect(MoneyEffect.budget(in: value).map(Array.init) == Array(reading.budget))
                    movements += 1
                } else {
                    #expect(MoneyEffect.budget(in: value) == nil)
                    others += 1
                }
                return true
            }
        }
        #expect(movements > 1_000 && others > 0)
    }

    /// From 20,000 events replay checks the chain in two halves at once, the upper half from
    /// the stored hash of the last event of the lower. A fault at that event is still the one
    /// named, as one walk from seq 1 names it, whether its hash was changed (which the upper
    /// half then starts from) or the event is gone (the next seq is met where it was
    /// expected). Nothing is written; with the event put back, replay holds.
    @Test(arguments: [6_000, 30_000])
    func replayNamesAFaultAtTheMiddleEventAsOneWalkWould(events: Int) throws {
        let test = try Self.postedWorkload(events: events)
        let databases = test.ledger.databases
        let middle = UInt64(events / 2)
        let dataFile = URL(fileURLWithPath: test.directory + "/data.mdb")
        let lookup = { (seq: UInt64) in
            try #require(try test.ledger.read { txn in
                try EventLookup(reader: TransactionReader(txn), databases: databases).storedEvent(seq: seq)
            }).event.id
        }
        let middleID = try lookup(middle)
        let nextID = try lookup(middle + 1)
        let key = ByteWriter.key(seq: middle)
        let original = try #require(try test.ledger.read { txn in try txn.get(databases.events, key: key) })

        try test.ledger.write { txn in try txn.put(databases.events, key: key, value: [original[0] ^ 1] + original.dropFirst()) }
        let changedHash = try Data(contentsOf: dataFile)
        #expect(throws: StoreError.damagedEvent(seq: middle, detail: "event seq \(middle) (id \"\(middleID)\") stored bytes do not match its hash")) {
            try test.ledger.replay()
        }
        #expect(try Data(contentsOf: dataFile) == changedHash)

        try test.ledger.write { txn in _ = try txn.delete(databases.events, key: key) }
        let deleted = try Data(contentsOf: dataFile)
        let expected = "event seq \(middle + 1) (id \"\(nextID)\") is stored at seq \(middle + 1) but seq \(middle) was expected"
        #expect(throws: StoreError.damagedEvent(seq: middle + 1, detail: expected)) { try test.ledger.replay() }
        #expect(try Data(contentsOf: dataFile) == deleted)

        try test.ledger.write { txn in try txn.put(databases.events, key: key, value: original) }
        #expect(try test.ledger.replay().events == UInt64(events))
        #expect(try test.ledger.verify().isIntact)
    }

    /// 6,000 events fold on one thread, 30,000 on two (`Ledger.parallelFoldMinimum`).
    @Test(arguments: [6_000, 30_000])
    func viewsFoldedFromMovementsAgreeWithTheStoredProjections(events: Int) throws {
        let test = try Self.postedWorkload(events: events)
        let stored = try test.balancesJSON()
        // --as-of-seq at the tip takes the fast fold; --known-at takes the full decoder.
        #expect(try test.balancesJSON(view: ViewFilter(asOfSeq: UInt64(events))) == stored)
        #expect(try test.balancesJSON(view: ViewFilter(knownAt: Timestamp(rfc3339: "2099-01-01T00:00:00Z"))) == stored)
        #expect(try test.balancesJSON(view: ViewFilter(asOfDate: CalendarDate(iso: "2025-09-30")))
            == test.balancesJSON(view: ViewFilter(asOfDate: CalendarDate(iso: "2025-09-30"), knownAt: Timestamp(rfc3339: "2099-01-01T00:00:00Z"))))
    }
}
