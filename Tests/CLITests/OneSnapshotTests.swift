import Foundation
import Testing
import LedgerApplication
import LedgerDomain
import LedgerRendering
@_spi(Testing) import LedgerStore

/// `digest`, `report` and `reconcile --post` combine several reads (and a write): each must
/// answer from one state of the ledger. Another process posts an event at the moment the use
/// case's first transaction has begun (the ledger's transaction observer runs inside it), so the
/// post lands while the use case runs, deterministically, with no sleep:
/// - a read use case must give the answer of the ledger as it was before that post (a second
///   snapshot would include it), and open exactly one transaction;
/// - `reconcile --post` must record exactly the figures it computed (a read snapshot followed by
///   a write would compute without the other process's payment and record with it).
@Suite("one snapshot per answer, with another process posting meanwhile")
struct OneSnapshotTests {
    /// A payment from PHB-0004's third-party pot, dated inside the periods the tests ask about.
    static func payment(id: String) -> String {
        #"{"id":"\#(id)","type":"payment","budget":"PHB-0004","date":"2026-03-15","payee":"Late Care Ltd","category":"personal_care","amount":"10.00"}"# + "\n"
    }

    @Test("digest: the balances hash and the chain hash describe the same events")
    func digest() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        // One instance per process: LMDB must not be opened twice in one process.
        let ledger = try Ledger.open(at: cli.directory)
        let before = try ledger.eventCount()
        let (digest, kinds) = try PostDuringFirstTransaction(cli, line: Self.payment(id: "during-digest")).run(on: ledger) { try $0.digest() }
        #expect(try ledger.eventCount() == before + 1, "the other process posted while digest ran")
        #expect(kinds == [.read])
        #expect(digest == (try ledger.digest(asOfSeq: before)))
        #expect(digest != (try ledger.digest()))
    }

    @Test("report: the state at --to and the state before --from come from the same events")
    func report() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let ledger = try Ledger.open(at: cli.directory)
        let before = try ledger.eventCount()
        let start = CalendarDate(iso: "2025-10-01")!, end = CalendarDate(iso: "2026-03-31")!
        let (report, kinds) = try PostDuringFirstTransaction(cli, line: Self.payment(id: "during-report")).run(on: ledger) {
            try $0.commissionerReport(from: start, to: end)
        }
        #expect(try ledger.eventCount() == before + 1, "the other process posted while report ran")
        #expect(kinds == [.read])
        let json = { (report: CommissionerReport) in CommissionerReportOutput.json(report) }
        #expect(json(report) == json(try ledger.commissionerReport(from: start, to: end, view: ViewFilter(asOfSeq: before))))
        #expect(json(report) != json(try ledger.commissionerReport(from: start, to: end)))
    }

    @Test("reconcile --post: the event recorded holds the figures computed; the other post lands after it")
    func reconcileAndPost() throws {
        let cli = try ReconcileCLI(posting: ["year-2025-26.jsonl"])
        defer { cli.remove() }
        let csv = try #require(FileManager.default.contents(atPath: "\(ReconcileCLI.fixtures)/statements/PHB-0004-third_party-2026-03-31.csv"))
        let request = ReconciliationRequest(budget: "PHB-0004", pot: .thirdParty, statement: try Statement.parse([UInt8](csv)),
                                            periodEnd: CalendarDate(iso: "2026-03-31")!)
        let ledger = try Ledger.open(at: cli.directory)
        let (posted, kinds) = try PostDuringFirstTransaction(cli, line: Self.payment(id: "during-reconcile")).run(on: ledger) {
            try $0.reconcileAndPost(request)
        }
        #expect(kinds == [.write])
        #expect(posted.result.status == .accepted)
        let seq = try #require(posted.result.seq)
        let recorded = try ledger.balance(of: "PHB-0004").balances(of: .thirdParty)?.lastReconciliation
        #expect(recorded == posted.reconciliation.record)
        // The other process waited for the write transaction and posted after it.
        #expect(try ledger.exportPage(sinceSeq: seq).events.map(\.event.id) == ["during-reconcile"])
        // And its payment, dated in the period, would have changed the figures.
        #expect(try ledger.reconcile(request).record != posted.reconciliation.record)
    }
}

/// Runs a use case on the ledger of `cli` and, as its first transaction begins, posts `line`
/// with `budget-ledger post` from another process: waited for inside a read transaction (a
/// reader never blocks a writer), started without waiting inside a write transaction (the
/// child then waits for LMDB's writer lock) and waited for after the use case returns.
final class PostDuringFirstTransaction: @unchecked Sendable {
    private let cli: ReconcileCLI
    private let linePath: String
    private let lock = NSLock()
    private var kinds: [TransactionObserver.Kind] = []
    private var child: Process?
    private var childStatus: Int32?

    init(_ cli: ReconcileCLI, line: String) throws {
        self.cli = cli
        linePath = FileManager.default.temporaryDirectory.appendingPathComponent("one-snapshot-\(UUID().uuidString).jsonl").path
        try #require(FileManager.default.createFile(atPath: linePath, contents: Data(line.utf8)))
    }

    deinit { try? FileManager.default.removeItem(atPath: linePath) }

    /// The use case's answer and the kinds of transaction it opened, in order.
    func run<Answer>(on ledger: Ledger, _ useCase: (Ledger) throws -> Answer) throws -> (Answer, [TransactionObserver.Kind]) {
        ledger.transactionObserver = TransactionObserver { [self] kind in began(kind) }
        let answer = try useCase(ledger)
        ledger.transactionObserver = nil
        if let child {
            child.waitUntilExit()
            childStatus = child.terminationStatus
        }
        #expect(childStatus == 0, "the other process's post succeeded")
        return (answer, lock.withLock { kinds })
    }

    private func began(_ kind: TransactionObserver.Kind) {
        let isFirst = lock.withLock { kinds.append(kind); return kinds.count == 1 }
        guard isFirst else { return }
        switch kind {
        case .read:
            childStatus = cli.run("post", linePath).status
        case .write:
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ReconcileCLI.executable)
            process.arguments = ["post", "--ledger", cli.directory, linePath]
            process.standardOutput = FileHandle.nullDevice
            // The wall clock, as the use case in this process records it: a pinned earlier time
            // would be more than SPEC 4.4 allows behind the reconciliation's `recorded_at`.
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "BUDGET_LEDGER_NOW")
            process.environment = environment
            do { try process.run() } catch { Issue.record("cannot start the other process: \(error)") }
            child = process
        }
    }
}
