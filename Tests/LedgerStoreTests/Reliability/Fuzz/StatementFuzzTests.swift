import Foundation
import Testing
import LedgerDomain
import TestSupport

/// Issue 6: the statement reader (RFC 4180 CSV, then dates and signed amounts), fed a fixed
/// budget of seeded mutations of the fixture statements, never crashes or hangs: every input is
/// read, or refused with a `StatementError` that names a line of the input. Issue 14: under
/// every format of SPEC 7.1 (auto, standard, mapping files, themselves mutated), with the
/// encodings, delimiters, date forms and amount cells it reads.
@Suite struct StatementFuzzTests {
    static let inputs = 6_000
    static let tokens: [[UInt8]] = [
        ",", "\"", "\"\"", "\n", "\r", "\r\n", "-", "+", ".", "9999999999.99", "99999999999", "12.345", "2026-02-30",
        "2026-13-01", "03/04/2026", "date", "amount", "balance", "reference", ",,,,", String(repeating: "\"", count: 9),
        ";", "\t", "£", "(", ")", "DR", "CR", "1,234.50", "Paid out", "Paid in", "Transaction Date", "31/02/2026", "1 Sept 2026",
        "07-Feb-26", "Money Out", "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n",
    ].map { Array($0.utf8) } + [[0xFF], [0xEF, 0xBB, 0xBF], [0xC0, 0x80], [0x00], [0xE2, 0x82], [0xA3], [0x81], [0x9D]]

    /// Mapping files: the fixture's own and a few written here, mutated too.
    static let mappings: [[UInt8]] = [
        #"{"date":"Txn Date","date_format":"DD-MM-YYYY","description":"Memo","reference":"Our Ref","amount":"Amt","balance":"Bal","skip_lines":3,"delimiter":";"}"#,
        #"{"date":"Date","description":"Description","paid_out":"Paid out","paid_in":"Paid in"}"#,
        #"{"date":"Transaction Date","date_format":"DD-Mon-YY","description":"Merchant","paid_out":"Debit","paid_in":"Credit","skip_lines":5}"#,
        #"{"date":"Date","description":"Description","amount":"Amount","balance":"Running Balance","delimiter":"\t"}"#,
    ].map { Array($0.utf8) }

    static func corpus() throws -> [[UInt8]] {
        let folder = Fixtures.folder + "/statements"
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }.sorted()
            .map { Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) }
    }

    static func mutate(_ bytes: inout [UInt8], _ random: inout SeededGenerator) {
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<5, using: &random) {
        case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
        case 1: bytes.insert(contentsOf: random.pick(tokens), at: position)
        case 2 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...40, using: &random))
            bytes.removeSubrange(position..<end)
        case 3 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...80, using: &random))
            bytes.insert(contentsOf: bytes[position..<end], at: Int.random(in: 0...bytes.count, using: &random))
        default: bytes = Array(bytes.prefix(position))
        }
    }

    // A guard against a hang only, far above any run on a loaded machine: speed is not asserted.
    @Test(.timeLimit(.minutes(10)))
    func mutatedStatementsAreReadOrRefusedNamingALine() throws {
        let corpus = try Self.corpus()
        try #require(corpus.count >= 16)
        var random = SeededGenerator(seed: 20_261_123)
        var read = 0, refused: [StatementError.Kind: Int] = [:], mappingsRefused = 0
        for number in 1...Self.inputs {
            var bytes = random.pick(corpus)
            for _ in 0..<Int.random(in: 1...4, using: &random) { Self.mutate(&bytes, &random) }
            // The reader ends a record at LF, CRLF or a lone CR (README), so each counts as a line.
            let lines = 1 + bytes.indices.filter { bytes[$0] == 0x0A || (bytes[$0] == 0x0D && ($0 + 1 == bytes.count || bytes[$0 + 1] != 0x0A)) }.count
            // The format: auto, standard, or a mapping file, mutated one time in four.
            let format: StatementFormat
            switch Int.random(in: 0..<3, using: &random) {
            case 0: format = .auto
            case 1: format = .standard
            default:
                var mapping = random.pick(Self.mappings)
                if random.chance(25) { Self.mutate(&mapping, &random) }
                do {
                    format = .mapping(try StatementMapping.parse(mapping))
                } catch {
                    mappingsRefused += 1
                    try #require(!error.message.isEmpty)
                    continue
                }
            }
            let parsed: Result<Statement, StatementError>
            do { parsed = .success(try Statement.parse(bytes, format: format)) } catch { parsed = .failure(error) }
            switch parsed {
            case .success(let statement):
                read += 1
                try #require(statement.rows.allSatisfy { $0.line >= 2 && $0.line <= lines }, "input \(number)")
            case .failure(let error):
                refused[error.kind, default: 0] += 1
                try #require(error.line >= 1 && error.line <= lines + 1, "input \(number): line \(error.line) of \(lines)")
                try #require(!error.message.isEmpty)
            }
        }
        print("statement fuzz: \(Self.inputs) inputs, \(read) read, refused \(refused.map { "\($0.key.rawValue) \($0.value)" }.sorted()), "
              + "\(mappingsRefused) mutated mapping files refused")
        #expect(read > 0)
        #expect(refused.count >= 6, "the mutations reach few of the reader's checks: \(refused)")
        #expect(refused[.badEncoding, default: 0] > 0 && refused[.badDate, default: 0] > 0 && refused[.missingColumn, default: 0] > 0)
        #expect(mappingsRefused > 0)
    }
}
