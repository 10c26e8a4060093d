import Foundation
import Testing
import LedgerDomain
@testable import LedgerStore

/// Issue 6: the JSON parser, the event decoder and the rules, fed a fixed budget of seeded
/// mutations of real event lines, never crash or hang, and every input ends accepted, a
/// duplicate, or rejected with one of SPEC 4.1's codes and a message. Beyond "no crash":
/// - a parse failure is `malformed_json` with the parser's message;
/// - whatever parses writes back (JSONWriter) to text that parses to the same value;
/// - whatever decodes into an event encodes (EventEncoder, as the store records it) to bytes
///   that decode to the same event.
@Suite struct FuzzTests {
    static let inputs = 25_000

    static func corpus() throws -> [[UInt8]] {
        let year = try Fixtures.text("year-2025-26.jsonl"), bad = try Fixtures.text("bad/rejections.jsonl")
        // SPEC 9's kinds and fields, valid and refused, are mutated too.
        let carePlan = try Fixtures.text("care-plan-2025-26.jsonl"), badCarePlan = try Fixtures.text("bad/care-plan-rejections.jsonl")
        return [year, bad, carePlan, badCarePlan].joined(separator: "\n").split(separator: "\n").map { Array($0.utf8) }
    }

    // A guard against a hang only, far above any run on a loaded machine: speed is not asserted.
    @Test(.timeLimit(.minutes(10)))
    func mutatedLinesAreAcceptedOrRejectedWithACodeNeverACrash() throws {
        // The year's budgets are open, so mutated lines reach the funds and reference rules too.
        let ledger = MemoryLedger()
        var opened = 0
        for line in try ["year-2025-26.jsonl", "care-plan-2025-26.jsonl"].flatMap({ try Fixtures.text($0).split(separator: "\n") }) {
            if case .accepted = try ledger.post(String(line)) { opened += 1 }
        }
        // Every fixture line is accepted: a setup that refused some would fuzz a smaller ledger.
        #expect(opened == 1167 + 108)
        var mutator = Mutator(seed: 20_260_402, corpus: try Self.corpus())
        var outcomes: [String: Int] = [:]
        var slowest = Duration.zero
        for number in 1...Self.inputs {
            let input = mutator.next()
            let started = ContinuousClock.now
            let outcome = try ledger.post(input)
            slowest = max(slowest, ContinuousClock.now - started)
            switch outcome {
            case .accepted: outcomes["accepted", default: 0] += 1
            case .duplicate: outcomes["duplicate", default: 0] += 1
            case .rejected(let rejection):
                outcomes[rejection.code.rawValue, default: 0] += 1
                try #require(!rejection.message.isEmpty, "input \(number)")
            }
            try Self.checkRoundTrips(input, outcome: outcome, number: number)
        }
        print("fuzz: \(Self.inputs) mutated lines, slowest \(slowest): "
              + outcomes.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(outcomes["accepted", default: 0] > 0)
        #expect(outcomes.count >= 10, "the mutations reach few of the rules: \(outcomes)")
    }

    static func checkRoundTrips(_ input: [UInt8], outcome: PostingOutcome, number: Int) throws {
        let value: JSONValue
        do {
            value = try JSONParser.parse(input)
        } catch {
            try #require(outcome.rejection == Rejection(.malformedJSON, "the line is not valid JSON: \(error.message)"), "input \(number)")
            return
        }
        var writer = JSONWriter()
        writer.value(value)
        try #require(try JSONParser.parse(writer.bytes) == value, "input \(number): \(writer.text)")
        guard case .success(let event) = EventDecoder.decode(value) else { return }
        let recorded = EventEncoder.canonicalBytes(of: event, envelope: Envelope(seq: 1, version: 1, recordedAt: TestLedger.fixedClock()))
        try #require(try EventDecoder.decode(line: recorded).get() == event, "input \(number): \(String(decoding: recorded, as: UTF8.self))")
    }

    /// The same mutations as one file through the store's reader and a real ledger: every
    /// non-blank line gets a result, and the ledger verifies afterwards.
    @Test func aFileOfMutatedLinesPostsThroughTheStore() throws {
        var mutator = Mutator(seed: 20_260_403, corpus: try Self.corpus())
        var file = Array(try Fixtures.text("year-2025-26.jsonl").utf8)
        for _ in 0..<2_000 { file += mutator.next() + [0x0A] }
        let path = TestLedger.temporaryPath("fuzz") + ".jsonl"
        try Data(file).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let test = try TestLedger()
        let report = try test.post(file: path, mode: .partial)
        // Mutations may add line breaks, so count the lines the reader will see.
        let physical = file.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        let nonBlank = physical.filter { line in !line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }.count
        #expect(report.results.count == nonBlank)
        #expect(report.accepted + report.duplicates + report.rejected == nonBlank)
        #expect(report.written == report.accepted)
        #expect(try test.ledger.verify().isIntact)
    }
}
