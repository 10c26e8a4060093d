import Crypto
import Foundation
import Testing
import LMDB
import LedgerDomain
@testable import LedgerStore

/// Issue 13: `verify` walks a log of `Ledger.parallelFoldMinimum` events or more on two
/// threads, each decoding and folding half of the budgets, the first also checking the chain.
/// Its report must be the one a single walk gives: the same first fault, named the same way, with
/// the same count of events checked, whichever half the faulty event's budget is in. (Two walks
/// are asked for from the first event here, so that a small log takes them.)
@Suite struct VerifyWalkTests {
    static let events = 3_000

    /// A posted log of `events` over 40 budgets (both halves hold budgets).
    private let test: TestLedger
    private var databases: LedgerDatabases { test.ledger.databases }

    init() throws {
        test = try ReplayTests.postedWorkload(events: Self.events)
        test.expectsIntactAtEnd = false
    }

    /// A movement at or after `from` whose budget is in `half` (0 or 1 of 2, as `VerifyPass`
    /// splits them): its seq, id and stored value.
    private func movement(from: Int, inHalf half: UInt64) throws -> (seq: UInt64, id: String, value: [UInt8]) {
        var found: (seq: UInt64, id: String, value: [UInt8])?
        try test.ledger.read { txn in
            try txn.forEach(databases.events, from: ByteWriter.key(seq: UInt64(from))) { key, value in
                let canonical = UnsafeRawBufferPointer(rebasing: value[StoredEvent.hashLength...])
                guard CanonicalMovementReader.read(canonical) != nil, let budget = CanonicalMovementReader.budget(in: canonical),
                      FoldTable.hash(UnsafeRawBufferPointer(rebasing: canonical[budget])) % 2 == half else { return true }
                found = (ByteReader.seq(key), try StoredEvent(storedValue: value).event.id, Array(value))
                return false
            }
        }
        return try #require(found)
    }

    /// Two walks and one give the same report; returns it.
    private func verifiedBothWays() throws -> VerifyReport {
        let twoWalks = try test.ledger.verify(progress: nil, twoWalksFrom: 1)
        let oneWalk = try test.ledger.verify(progress: nil, twoWalksFrom: .max)
        #expect(twoWalks == oneWalk)
        return twoWalks
    }

    private func store(_ value: [UInt8], at seq: UInt64) throws {
        try test.ledger.write { txn in try txn.put(databases.events, key: ByteWriter.key(seq: seq), value: value) }
    }

    /// Hashes the chain again from `seq` to the tip, as someone covering a change would.
    private func rechain(from seq: UInt64) throws {
        try test.ledger.write { txn in
            var previous = seq == 1 ? ChainTip.genesisHash : Array(try #require(try txn.get(databases.events, key: ByteWriter.key(seq: seq - 1)))[..<32])
            var tip = try Ledger.tip(in: txn, meta: databases.meta)
            for current in seq...tip.seq {
                var value = try #require(try txn.get(databases.events, key: ByteWriter.key(seq: current)))
                var hasher = SHA256()
                hasher.update(data: previous)
                hasher.update(data: value[32...])
                previous = Array(hasher.finalize())
                value.replaceSubrange(0..<32, with: previous)
                try txn.put(databases.events, key: ByteWriter.key(seq: current), value: value)
            }
            tip.hash = previous
            try txn.put(databases.meta, key: Array("tip".utf8), value: tip.encoded)
        }
    }

    /// `value` with the first `field` number (`"version":`, `"seq":`) changed in its last digit.
    private static func changing(_ field: String, in value: [UInt8]) throws -> (value: [UInt8], number: UInt64) {
        var changed = value
        let start = try #require(changed.firstRange(of: Array(#""\#(field)":"#.utf8))).upperBound
        var end = start
        while changed[end] >= UInt8(ascii: "0"), changed[end] <= UInt8(ascii: "9") { end += 1 }
        changed[end - 1] = changed[end - 1] == UInt8(ascii: "9") ? UInt8(ascii: "8") : changed[end - 1] + 1
        return (changed, UInt64(String(decoding: changed[start..<end], as: UTF8.self))!)
    }

    @Test func anIntactLogVerifiesAsOneWalkVerifiesIt() throws {
        let report = try verifiedBothWays()
        #expect(report.isIntact)
        #expect(report.eventsChecked == UInt64(Self.events))
        #expect(report.budgetsChecked == 40)
        #expect(report.lastSeq == UInt64(Self.events))
    }

    /// A changed amount is named at its event, in either half, with the events before it counted.
    @Test(arguments: [0, 1] as [UInt64])
    func aChangedAmountIsNamedInEitherHalf(half: UInt64) throws {
        let event = try movement(from: Self.events / 2, inHalf: half)
        var tampered = event.value
        let amount = try #require(tampered.firstRange(of: Array(#""amount":""#.utf8))).upperBound
        tampered[amount] = tampered[amount] == UInt8(ascii: "9") ? UInt8(ascii: "8") : tampered[amount] + 1
        try store(tampered, at: event.seq)
        let report = try verifiedBothWays()
        #expect(report.firstBadEvent == "event seq \(event.seq) (id \"\(event.id)\") stored bytes do not match its hash")
        #expect(report.eventsChecked == event.seq - 1)
        #expect(report.projectionMismatches.isEmpty)
    }

    /// Of two faults, the earlier in seq order is named, whichever half found it: the later is
    /// met first by the other walk when the halves are swapped.
    @Test(arguments: [0, 1] as [UInt64])
    func theEarlierOfTwoFaultsInDifferentHalvesIsNamed(earlyHalf: UInt64) throws {
        let early = try movement(from: Self.events / 3, inHalf: earlyHalf)
        let late = try movement(from: Self.events / 2, inHalf: 1 - earlyHalf)
        try store(Array(early.value.dropLast()), at: early.seq)  // no longer JSON
        var tampered = late.value
        tampered[tampered.count - 3] ^= 1
        try store(tampered, at: late.seq)
        let report = try verifiedBothWays()
        #expect(report.firstBadEvent?.hasPrefix("event seq \(early.seq): ") == true)
        #expect(report.eventsChecked == early.seq - 1)
    }

    /// An event that does not decode also breaks the hash: the decoding fault is the one named
    /// (one walk decodes before it hashes), though in the second half the walk that decodes it is
    /// not the one that hashes it.
    @Test(arguments: [0, 1] as [UInt64])
    func anEventThatDoesNotDecodeIsNamedAsSuchNotAsAHashBreak(half: UInt64) throws {
        let event = try movement(from: Self.events / 2, inHalf: half)
        try store(Array(event.value.dropLast()), at: event.seq)
        let report = try verifiedBothWays()
        let named = try #require(report.firstBadEvent)
        #expect(named.hasPrefix("event seq \(event.seq): "))
        #expect(!named.contains("hash"))
        #expect(report.eventsChecked == event.seq - 1)
    }

    /// With the chain hashed again over a change, the event's own checks still name it: a
    /// version that is not the next of its budget, and bytes that name another seq.
    @Test(arguments: [0, 1] as [UInt64])
    func aRechainedChangeOfVersionOrSeqIsNamed(half: UInt64) throws {
        let event = try movement(from: Self.events / 2, inHalf: half)
        let stored = try StoredEvent(storedValue: event.value.withUnsafeBytes { $0 })
        let version = try Self.changing("version", in: event.value)
        try store(version.value, at: event.seq)
        try rechain(from: event.seq)
        var report = try verifiedBothWays()
        #expect(report.firstBadEvent == "event seq \(event.seq) (id \"\(event.id)\") has version \(version.number) but is event \(stored.envelope.version) of budget \(stored.event.budget)")
        #expect(report.eventsChecked == event.seq - 1)

        let seq = try Self.changing("seq", in: event.value)
        try store(seq.value, at: event.seq)
        try rechain(from: event.seq)
        report = try verifiedBothWays()
        #expect(report.firstBadEvent == "event seq \(event.seq) (id \"\(event.id)\") is stored at seq \(event.seq) but its bytes say seq \(seq.number)")
        #expect(report.eventsChecked == event.seq - 1)

        try store(event.value, at: event.seq)
        try rechain(from: event.seq)
        #expect(try verifiedBothWays().isIntact)
    }

    /// The middle seq of the log: the lower walk checks the chain through it, the upper after it.
    private func middleSeq() throws -> UInt64 {
        try test.ledger.read { txn in try Ledger.tip(in: txn, meta: databases.meta).seq } / 2
    }

    /// A changed event on either side of where the two walks split the chain is named as one walk
    /// names it, with the same count of events checked.
    @Test(arguments: [-1, 0, 1, 2] as [Int64])
    func aChangedEventBesideTheMiddleOfTheChainIsNamedAsOneWalkNamesIt(offset: Int64) throws {
        let seq = UInt64(Int64(try middleSeq()) + offset)
        let value = try #require(try test.ledger.read { txn in try txn.get(databases.events, key: ByteWriter.key(seq: seq)) })
        try store(try Self.changing("version", in: value).value, at: seq)
        let report = try verifiedBothWays()
        let id = try StoredEvent(storedValue: value.withUnsafeBytes { $0 }).event.id
        #expect(report.firstBadEvent == "event seq \(seq) (id \"\(id)\") stored bytes do not match its hash")
        #expect(report.eventsChecked == seq - 1)
    }

    /// A missing event at the middle, or just after it: the next is named as out of place.
    @Test(arguments: [0, 1] as [UInt64])
    func aMissingEventAtTheMiddleOfTheChainIsNamedAtTheNextOne(offset: UInt64) throws {
        let seq = try middleSeq() + offset
        try test.ledger.write { txn in _ = try txn.delete(databases.events, key: ByteWriter.key(seq: seq)) }
        let report = try verifiedBothWays()
        let next = try #require(try test.ledger.read { txn in try txn.get(databases.events, key: ByteWriter.key(seq: seq + 1)) })
        let nextID = try StoredEvent(storedValue: next.withUnsafeBytes { $0 }).event.id
        #expect(report.firstBadEvent == "event seq \(seq + 1) (id \"\(nextID)\") is stored at seq \(seq + 1) but seq \(seq) was expected")
        #expect(report.eventsChecked == seq - 1)
    }

    /// The middle event's stored hash changed, its bytes not: the upper walk starts from that
    /// hash, but the fault is the middle event's, as one walk names it.
    @Test func aChangedHashOfTheMiddleEventIsNamedThere() throws {
        let seq = try middleSeq()
        var value = try #require(try test.ledger.read { txn in try txn.get(databases.events, key: ByteWriter.key(seq: seq)) })
        value[0] ^= 0x01
        try store(value, at: seq)
        let report = try verifiedBothWays()
        let id = try StoredEvent(storedValue: value.withUnsafeBytes { $0 }).event.id
        #expect(report.firstBadEvent == "event seq \(seq) (id \"\(id)\") stored bytes do not match its hash")
        #expect(report.eventsChecked == seq - 1)
    }

    /// An event missing from the middle of the log: the next is named as out of place.
    @Test func aMissingEventIsNamedAtTheNextOne() throws {
        let event = try movement(from: Self.events / 2, inHalf: 1)
        try test.ledger.write { txn in _ = try txn.delete(databases.events, key: ByteWriter.key(seq: event.seq)) }
        let report = try verifiedBothWays()
        let next = try #require(try test.ledger.read { txn in try txn.get(databases.events, key: ByteWriter.key(seq: event.seq + 1)) })
        let nextID = try StoredEvent(storedValue: next.withUnsafeBytes { $0 }).event.id
        #expect(report.firstBadEvent == "event seq \(event.seq + 1) (id \"\(nextID)\") is stored at seq \(event.seq + 1) but seq \(event.seq) was expected")
        #expect(report.eventsChecked == event.seq - 1)
    }
}
