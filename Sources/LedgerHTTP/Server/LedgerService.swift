import Hummingbird
import LedgerApplication
import LedgerDomain
import LedgerStore
import NIOPosix

/// What every route shares: the ledger, its users and the group committer.
final class LedgerService: Sendable {
    let ledger: Ledger
    let users: UserDirectory
    let committer: GroupCommitter
    let configuration: ServerConfiguration
    let metrics: LedgerMetrics
    /// The recorded time of what a route posts outside the group committer (a reconciliation).
    let clock: @Sendable () -> Timestamp
    let stop = StopSignal()
    /// Work that may walk the whole chain (a verify; balances, a digest or a report as of an
    /// earlier state, which fold every event up to it) runs here, one job at a time. On 10 million
    /// events a verify takes ~25 s: on the shared pool (one thread per core) two of them would
    /// hold every thread, and every read, sign-in and page would wait behind them.
    private let wholeLedgerLane = NIOThreadPool(numberOfThreads: 1)

    init(ledger: Ledger, users: UserDirectory, committer: GroupCommitter, configuration: ServerConfiguration, metrics: LedgerMetrics,
         clock: @escaping @Sendable () -> Timestamp) {
        self.ledger = ledger
        self.clock = clock
        self.users = users
        self.committer = committer
        self.configuration = configuration
        self.metrics = metrics
        wholeLedgerLane.start()
    }

    /// Stops the whole-ledger lane once its jobs are done: after the server has stopped.
    func shutDown() async throws {
        try await wholeLedgerLane.shutdownGracefully()
    }

    /// Runs blocking ledger work (LMDB reads, folds) on NIO's thread pool, never on the
    /// cooperative pool that runs the event loops' tasks.
    func blocking<R: Sendable>(_ body: @escaping @Sendable () throws -> R) async throws -> R {
        try await blocking(on: NIOThreadPool.singleton, body)
    }

    /// The same, for work that may walk the whole chain: on the lane of its own
    /// (`wholeLedgerLane`), so that the shared pool stays free for everything else.
    func wholeLedger<R: Sendable>(_ body: @escaping @Sendable () throws -> R) async throws -> R {
        let hold = configuration.wholeLedgerWorkHold.map(WholeLedgerHold.init(directory:))
        return try await blocking(on: wholeLedgerLane) {
            try hold?.waitToBeReleased()
            return try body()
        }
    }

    private func blocking<R: Sendable>(on pool: NIOThreadPool, _ body: @escaping @Sendable () throws -> R) async throws -> R {
        do {
            return try await pool.runIfActive(body)
        } catch let error as StoreError {
            throw APIError(storeError: error)
        }
    }

    /// Computes an answer from one read snapshot of the ledger, with the last seq of that
    /// snapshot (`X-Ledger-Seq`): both come from the same LMDB read transaction, so they
    /// describe one state however many events are committed meanwhile.
    /// `wholeLedger`: the answer may fold the whole chain (see `wholeLedger(_:)`).
    func read<R: Sendable>(wholeLedger: Bool = false,
                           _ body: @escaping @Sendable (borrowing LedgerSnapshot) throws -> R) async throws -> (answer: R, seq: UInt64) {
        let work: @Sendable () throws -> (answer: R, seq: UInt64) = { [ledger] in
            try ledger.snapshot { snapshot in
                let answer = try APIError.mappingApplicationErrors { try body(snapshot) }
                return (answer, try snapshot.lastSeq())
            }
        }
        return try await wholeLedger ? self.wholeLedger(work) : blocking(work)
    }
}

extension APIError {
    /// Runs a use case, giving its refusals the status a caller can act on: a budget that does
    /// not exist is 404, anything else about the request 400.
    static func mappingApplicationErrors<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as ApplicationError {
            switch error {
            case .noSuchBudget(let budget, _): throw APIError.unknownBudget(budget)
            default: throw APIError.badRequest(error.description)
            }
        }
    }

    /// Reads a statement upload, giving each refusal its SPEC 8.3 status: 400, 413 or 415.
    static func mappingUploadErrors<R>(_ body: () throws(StatementUploadError) -> R) throws(APIError) -> R {
        do {
            return try body()
        } catch {
            switch error {
            case .malformed(let message): throw APIError.badRequest(message)
            case .tooLarge(let message): throw APIError.tooLarge(message)
            case .unsupportedMediaType(let message): throw APIError.unsupportedMediaType(message)
            }
        }
    }

    /// A store failure as the caller may see it: the kind of trouble, never a path or LMDB code.
    init(storeError: StoreError) {
        switch storeError {
        case .mapFull, .diskFull:
            self = .unavailable("the ledger's storage is full; nothing was written", retryAfter: 60)
        case .clockBehind:
            self = .unavailable("the server's clock is behind the ledger's last recorded time; nothing was written", retryAfter: 60)
        case .beyondLastEvent(let requested, let last):
            self = .badRequest("as_of_seq \(requested) is beyond the last event (seq \(last))")
        default:
            self = .unavailable("the ledger cannot be used right now; nothing was written", retryAfter: 5)
        }
    }
}
