import LMDB
import LedgerDomain

/// One walk of `verify` over the event log, answering for one partition of the budgets (split
/// by a hash of their id, as the views' fold splits them: `FoldTable.hash`) and for one part of
/// the chain. Two walks on two threads share the work, each event decoded once and hashed once:
///
/// - the walk of an event's seq range checks the chain there: its place, its hash, its id for
///   the id index (`EventIDIndexPrint`). The lower walk checks from the first key until it has
///   checked the middle seq (so a key past a gap at the middle is named out of place, as one
///   walk names it); the upper walk from the seq after it, from the middle event's stored hash
///   (a wrong one is the lower walk's fault at the middle, which comes first);
/// - the walk of an event's budget checks the event itself (it decodes, its bytes say its seq,
///   it is the next version of its budget) and folds it, with its money effect and its place in
///   the budget index.
///
/// A walk stops at its first fault. The faults of the walks are ranked as one walk making every
/// check in order meets them (by seq, then by `Check`), so that two walks name the fault that one
/// names.
struct VerifyPass {
    /// The checks of one event, in the order one walk makes them.
    enum Check: Int {
        case decodes, place, seqInBytes, hash, version, fold
    }

    /// What a walk stopped at.
    struct Fault {
        let seq: UInt64
        let check: Check
        let problem: Problem

        func comesBefore(_ other: Fault) -> Bool { (seq, check.rawValue) < (other.seq, other.check.rawValue) }
    }

    enum Problem {
        /// The chain does not hold here: `verify` names it.
        case chainBreak(ChainBreak)
        /// Folding the event threw: the error is `verify`'s, unless an id fault came first.
        case thrown(any Error)
    }

    let partition: Int
    let partitions: Int
    private(set) var fault: Fault?

    // The chain, at the seqs this walk checks.
    /// The first seq whose chain this walk checks; 1 for the lower (or only) walk, which checks
    /// from the first key, whatever its seq.
    private let chainStart: UInt64
    /// The last seq whose chain this walk checks.
    private let chainEnd: UInt64
    private(set) var previousHash: [UInt8]
    private(set) var expectedSeq: UInt64
    private(set) var idPrint = EventIDIndexPrint()

    // This partition's budgets.
    private var versions: [String: UInt64] = [:]
    private(set) var folds: [String: BudgetFold] = [:]
    private(set) var effects = EffectCheck()
    private(set) var indexPrints: [String: BudgetIndexPrint] = [:]
    /// Reversed seq → the seq of its reversal.
    private(set) var reversals: [UInt64: UInt64] = [:]

    /// A walk of budget partition `partition` of `partitions` that checks the chain from
    /// `chainStart` (1: from the first key) through `chainEnd`, the event before `chainStart`
    /// having the stored hash `previousHash`.
    init(partition: Int = 0, of partitions: Int = 1, chainStart: UInt64 = 1, chainEnd: UInt64 = .max,
         previousHash: [UInt8] = ChainTip.genesisHash) {
        self.partition = partition
        self.partitions = partitions
        self.chainStart = chainStart
        self.chainEnd = chainEnd
        self.previousHash = previousHash
        expectedSeq = chainStart
    }

    /// The last seq whose chain checks held: in this walk's range, the seqs before it held too.
    var eventsWalked: UInt64 { expectedSeq - 1 }

    /// Whether the chain held through the end of this walk's range (never for the upper walk,
    /// whose range has no end).
    var checkedItsChainRange: Bool { expectedSeq > chainEnd }

    /// Whether this walk checks the chain at the key `seq`.
    private func checksChain(at seq: UInt64) -> Bool {
        (chainStart == 1 || seq >= chainStart) && expectedSeq <= chainEnd
    }

    /// Checks (and, if its budget is this partition's, folds) the stored event at `seq`.
    /// `storedEffect` gives the money effect stored for a seq (nil: none), asked in rising seq
    /// order. Returns false at this walk's first fault, which `fault` then holds.
    mutating func visit(seq: UInt64, value: UnsafeRawBufferPointer, lookup: EventLookup,
                        storedEffect: (UInt64) throws -> UnsafeRawBufferPointer?) throws -> Bool {
        var decoded: Result<StoredEvent, StoreError>?
        let isMine: Bool
        if partitions == 1 {
            isMine = true
        } else if value.count > StoredEvent.hashLength,
                  case let canonical = UnsafeRawBufferPointer(rebasing: value[StoredEvent.hashLength...]),
                  let budget = CanonicalMovementReader.budget(in: canonical) {
            isMine = owns(UnsafeRawBufferPointer(rebasing: canonical[budget]))
        } else {
            // Not shaped as the encoder writes: decoded to find its budget; one that does not
            // decode is partition 0's to name.
            decoded = Self.decode(value)
            if case .success(let stored) = decoded {
                var budget = stored.event.budget
                isMine = budget.withUTF8 { owns(UnsafeRawBufferPointer($0)) }
            } else {
                isMine = partition == 0
            }
        }
        let checksChain = checksChain(at: seq)
        guard isMine || checksChain else { return true }

        var stored: StoredEvent?
        if isMine {
            switch decoded ?? Self.decode(value) {
            case .success(let event): stored = event
            case .failure(let error): return stop(seq, .decodes, "event seq \(seq): \(error)")
            }
        }
        // Made only for a fault: a `String` per event would cost more than the checks.
        func named() -> String { "event seq \(seq)\(Ledger.idText(stored?.event.id ?? Ledger.eventID(in: value)))" }
        if checksChain, seq != expectedSeq {
            return stop(seq, .place, "\(named()) is stored at seq \(seq) but seq \(expectedSeq) was expected")
        }
        if let stored, stored.envelope.seq != seq {
            return stop(seq, .seqInBytes, "\(named()) is stored at seq \(seq) but its bytes say seq \(stored.envelope.seq)")
        }
        if checksChain {
            guard ChainHasher.follows(&previousHash, storedValue: value) else {
                return stop(seq, .hash, "\(named()) stored bytes do not match its hash")
            }
            let canonical = UnsafeRawBufferPointer(rebasing: value[StoredEvent.hashLength...])
            if let id = CanonicalMovementReader.id(in: canonical) {
                idPrint.add(id: UnsafeRawBufferPointer(rebasing: canonical[id]), seq: seq)
            } else if let eventID = stored?.event.id ?? Ledger.eventID(in: value) {
                idPrint.add(id: eventID, seq: seq)  // an id with an escaped character
            }
            expectedSeq += 1
        }
        guard let stored else { return true }
        let version = versions[stored.event.budget, default: 0] + 1
        guard stored.envelope.version == version else {
            return stop(seq, .version, "\(named()) has version \(stored.envelope.version) but is event \(version) of budget \(stored.event.budget)")
        }
        versions[stored.event.budget] = version
        do {
            try fold(stored, lookup: lookup, storedEffect: storedEffect)
        } catch {
            fault = Fault(seq: seq, check: .fold, problem: .thrown(error))
            return false
        }
        return true
    }

    private mutating func fold(_ stored: StoredEvent, lookup: EventLookup,
                               storedEffect: (UInt64) throws -> UnsafeRawBufferPointer?) throws {
        let seq = stored.envelope.seq
        try effects.check(stored, storedEffect: storedEffect(seq))
        indexPrints[stored.event.budget, default: BudgetIndexPrint()].add(seq)
        if case .reversal(let reverses, _) = stored.event.body, let target = try lookup.seq(ofID: reverses) {
            reversals[target] = seq
        }
        try folds[stored.event.budget, default: BudgetFold()].apply(stored.event, stored.envelope, target: lookup.target(id:))
    }

    private mutating func stop(_ seq: UInt64, _ check: Check, _ description: String) -> Bool {
        fault = Fault(seq: seq, check: check, problem: .chainBreak(ChainBreak(seq: seq, description: description)))
        return false
    }

    private func owns(_ budget: UnsafeRawBufferPointer) -> Bool {
        FoldTable.budget(budget, isIn: partition, of: partitions)
    }

    private static func decode(_ value: UnsafeRawBufferPointer) -> Result<StoredEvent, StoreError> {
        do throws(StoreError) { return .success(try StoredEvent(storedValue: value)) } catch { return .failure(error) }
    }

    /// The first fault of several walks, as one walk would have met it.
    static func firstFault(of passes: [VerifyPass]) -> Fault? {
        passes.compactMap(\.fault).min { $0.comesBefore($1) }
    }
}

/// `verify`'s check of the money effects (`MoneyEffect`): each event's stored effect is the one
/// its canonical bytes give, and there is none beyond the last event.
struct EffectCheck {
    private var derived: [UInt8] = []
    private var differing = 0
    private var first: (seq: UInt64, text: String)?

    /// Holds the effect stored for `stored` (nil: none) against the one its bytes give.
    mutating func check(_ stored: StoredEvent, storedEffect: UnsafeRawBufferPointer?) {
        stored.canonicalBytes.withUnsafeBytes { MoneyEffect.encode(canonical: $0, into: &derived) }
        if storedEffect?.hasSameBytes(as: derived) != true {
            differing += 1
            if first == nil { first = (stored.envelope.seq, "seq \(stored.envelope.seq) (id \"\(stored.event.id)\")") }
        }
    }

    /// Adds what another walk found (of other events).
    mutating func merge(_ other: EffectCheck) {
        differing += other.differing
        if let theirs = other.first, first.map({ theirs.seq < $0.seq }) ?? true { first = theirs }
    }

    /// The line `verify` reports, if any; `storedEffects` counts the effects up to the chain tip.
    func mismatch(events: UInt64, storedEffects: Int) -> String? {
        if let first {
            return "money effects: \(differing) \(differing == 1 ? "event has" : "events have") a stored money effect that is missing or differs from its canonical bytes, the first at \(first.text)"
        }
        if UInt64(storedEffects) != events {
            return "money effects: \(storedEffects) are stored for \(events) events"
        }
        return nil
    }
}
