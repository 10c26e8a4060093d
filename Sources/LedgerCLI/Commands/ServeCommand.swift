import ArgumentParser
import Foundation
import LedgerHTTP

/// `budget-ledger serve` (SPEC 8): parses its options and hands over to `LedgerServer`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ledger over HTTP (SPEC 8) until SIGTERM or SIGINT.",
        discussion: "Prints `listening on http://HOST:PORT` once bound (--port 0 picks a free port). Users and tokens: `budget-ledger users`.")

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The address to listen on (loopback unless you say otherwise).")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free port).")
    var port = 8080

    @Option(name: .customLong("tls-cert"), help: "A PEM certificate chain: serve HTTPS, offering HTTP/2 and HTTP/1.1.")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(name: .customLong("max-body"), help: "The largest request body taken, in bytes (default 64 MiB).")
    var maximumBody = 64 << 20

    @Option(name: .customLong("max-connections"), help: "Requests in flight at once; beyond it, 503 with Retry-After.")
    var maximumConnections = 256

    @Option(name: .customLong("request-timeout"), help: "Seconds a request may take before 408 (nothing of it is written).")
    var requestTimeout = 60

    func validate() throws {
        guard (tlsCertificate == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard maximumBody > 0, maximumConnections > 0, requestTimeout > 0 else {
            throw ValidationError("--max-body, --max-connections and --request-timeout must be positive")
        }
    }

    func run() throws {
        var configuration = ServerConfiguration(ledgerDirectory: ledger.directory)
        configuration.host = host
        configuration.port = port
        configuration.tlsCertificate = tlsCertificate
        configuration.tlsKey = tlsKey
        configuration.maximumBodyBytes = maximumBody
        configuration.maximumConnections = maximumConnections
        configuration.requestTimeoutSeconds = requestTimeout
        configuration.maximumMapSize = try MapSizeLimit.fromEnvironment()
        // Refused outside the test build (SPEC 4.4), as for `post`.
        _ = try Clock.fromEnvironment()
        configuration.fixedNow = ProcessInfo.processInfo.environment["BUDGET_LEDGER_NOW"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.wholeLedgerWorkHold = TestSwitches.wholeLedgerWorkHold()
        let settings = configuration
        do {
            try waitForTask { try await LedgerServer.run(settings) }
        } catch let failure as ServerStartFailure {
            throw CommandFailure(status: .operationalFailure, message: "error: \(failure.message)")
        }
    }
}

/// Runs async work from the synchronous command line and waits for it: the main thread is not
/// one of the cooperative pool's, so blocking it here holds no task up.
private func waitForTask(_ work: @escaping @Sendable () async throws -> Void) throws {
    final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }
    let outcome = Outcome()
    let finished = DispatchSemaphore(value: 0)
    Task {
        do { try await work() } catch { outcome.error = error }
        finished.signal()
    }
    finished.wait()
    if let error = outcome.error { throw error }
}
