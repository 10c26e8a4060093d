import Foundation
import Testing
import LedgerDomain
@testable import LedgerStore

/// A ledger in a fresh temporary directory, removed when the value is released.
final class TestLedger {
    let directory: String
    let ledger: Ledger
    /// Recorded times are pinned so that hashes and outputs repeat exactly.
    static let fixedClock: @Sendable () -> Timestamp = { Timestamp(rfc3339: "2026-04-02T09:30:00.000Z")! }

    init() throws {
        directory = TestLedger.temporaryPath("ledger")
        ledger = try Ledger.create(at: directory)
    }

    /// Every ledger a test builds must verify when the test is done with it.
    var expectsIntactAtEnd = true

    deinit {
        if expectsIntactAtEnd {
            do {
                let report = try ledger.verify()
                if !report.isIntact {
                    Issue.record("the test's ledger does not verify: \(report.firstBadEvent ?? "") \(report.projectionMismatches)")
                }
            } catch {
                Issue.record("the test's ledger could not be verified: \(error)")
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The typed event a valid JSON line decodes to, for the library's typed path.
    static func typed(_ line: String) -> Event {
        guard case .event(let event) = DecodedEvent.decode(Array(line.utf8)) else { preconditionFailure("not an event: \(line)") }
        return event
    }

    static func temporaryPath(_ label: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("budget-ledger-tests-\(label)-\(UUID().uuidString)").path
    }

    @discardableResult
    func post(_ text: String, mode: PostMode = .allOrNothing) throws -> PostReport {
        try ledger.post(mode: mode, clock: TestLedger.fixedClock) { ArrayLineSource(text: text) }
    }

    @discardableResult
    func post(file path: String, mode: PostMode = .allOrNothing) throws -> PostReport {
        try ledger.post(mode: mode, clock: TestLedger.fixedClock) { try LineReader(path: path) }
    }

    /// `balances --json`: one SPEC 6.2 object per line, `\n` after each.
    func balancesJSON(view: ViewFilter = ViewFilter()) throws -> String {
        try ledger.budgetStates(view: view).map { String(decoding: BalanceReport.json($0), as: UTF8.self) + "\n" }.joined()
    }

    func exportText(sinceSeq: UInt64 = 0) throws -> String {
        var text = ""
        try ledger.export(sinceSeq: sinceSeq) { text += String(decoding: $0.exportLine, as: UTF8.self) + "\n" }
        return text
    }
}

enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    static var year: String { folder + "/year-2025-26.jsonl" }
    static var badInputs: String { folder + "/bad/rejections.jsonl" }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOfFile: folder + "/" + relativePath, encoding: .utf8)
    }

    /// The fixture year as a ledger of an older `format` (`Fixtures/format-N/`, see
    /// `Fixtures/README.md`), unpacked into a new directory, which is returned.
    static func olderFormatYear(format: Int) throws -> String {
        let directory = TestLedger.temporaryPath("format-\(format)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -dc \"$1\" > \"$2/data.mdb\"", "sh",
                          folder + "/format-\(format)/year-2025-26.data.mdb.gz", directory]
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)
        return directory
    }
}
