import LedgerDomain

/// One event line through the parser, the decoder and the rules, against a ledger that holds
/// one open budget of each holding model. libFuzzer calls this with its inputs; a crash, a
/// hang or a broken round trip (a precondition below) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let line = Array(UnsafeBufferPointer(start: data, count: size))
    guard let outcome = try? PostingRules.evaluate(line: line, in: FuzzLedger.shared) else { return 0 }
    if case .rejected(let rejection) = outcome { precondition(!rejection.message.isEmpty) }
    if let value = try? JSONParser.parse(line) {
        var writer = JSONWriter()
        writer.value(value)
        precondition((try? JSONParser.parse(writer.bytes)) == value, "a parsed value does not write back")
        if case .success(let event) = EventDecoder.decode(value) {
            let recorded = EventEncoder.canonicalBytes(of: event, envelope: Envelope(seq: 1, version: 1, recordedAt: Timestamp(millisecondsSinceEpoch: 0)))
            precondition((try? EventDecoder.decode(line: recorded).get()) == event, "an event does not survive the encoder")
        }
    }
    return 0
}

/// SwiftPM links an executable target's `main` to `<module>_main` (for testable executables);
/// with `-parse-as-library` there is none, so this is it: it hands over to libFuzzer's driver.
@_cdecl("fuzz_event_line_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzEventLine(data!, size) }
}

/// libFuzzer's entry for programs that keep their own `main` (LLVM 13 and later).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// Budgets "N", "T", "D" and "M" (mixed), open with money allocated; no recorded events.
final class FuzzLedger: LedgerLookup, @unchecked Sendable {
    static let shared = FuzzLedger()
    private var states: [String: BudgetState] = [:]

    private init() {
        for (budget, model, pots) in [("N", "notional", ""), ("T", "third_party", ""), ("D", "direct_payment", ""),
                                      ("M", "mixed", #","pots":["notional","third_party","direct_payment"]"#)] {
            let line = #"{"id":"\#(budget)","type":"budget_opened","budget":"\#(budget)","date":"2025-04-01","person":"P","holding_model":"\#(model)""#
                + pots + #","period_start":"2025-04-01","period_end":"2026-03-31"}"#
            guard case .success(let event) = EventDecoder.decode(line: Array(line.utf8)) else { preconditionFailure("bad seed event") }
            var state = Projector.open(event)
            for index in state.pots.indices { state.pots[index].allocated = Money(pence: 100_000_00) }
            states[budget] = state
        }
    }

    func budgetState(_ budget: String) throws -> BudgetState? { states[budget] }
    func recordedEvent(id: String) throws -> RecordedEvent? { nil }
}
