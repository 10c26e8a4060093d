import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import HummingbirdTLS
import LedgerDomain
import LedgerStore
import Logging
import Metrics
import NIOCore
import NIOSSL
import Prometheus
import ServiceLifecycle

/// `budget-ledger serve` (SPEC 8): the ledger over HTTP, until SIGTERM or SIGINT.
///
/// A stop is graceful (swift-service-lifecycle): the server stops accepting, the requests in
/// flight finish (their batches are committed whole or not at all, by the group committer, which
/// drains before the ledger closes), and event streams end.
public enum LedgerServer {
    /// Runs the server; prints `listening on http://HOST:PORT` on standard output once bound.
    public static func run(_ configuration: ServerConfiguration) async throws {
        LoggingSystem.bootstrap { _ in JSONLineLogHandler() }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "budget-ledger")

        let ledger: Ledger
        let users: UserDirectory
        do {
            ledger = try Ledger.open(at: configuration.ledgerDirectory, maximumMapSize: configuration.maximumMapSize)
            users = try UserDirectory(ledger: ledger)
        } catch let error as StoreError {
            throw ServerStartFailure(message: error.description)
        }
        let clock: @Sendable () -> Timestamp
        if let fixed = configuration.fixedNow.flatMap(Timestamp.init(rfc3339:)) { clock = { fixed } } else { clock = { Timestamp.now() } }
        let committer = try GroupCommitter(ledger: ledger, clock: clock)
        // Before the service, whose whole-ledger lane must be shut down on every way out: from
        // here on nothing throws until the services run.
        let server = try serverBuilder(configuration)
        let service = LedgerService(ledger: ledger, users: users, committer: committer, configuration: configuration,
                                    metrics: LedgerMetrics(), clock: clock)

        let router = Router(context: LedgerRequestContext.self)
        router.middlewares.add(ConnectionLimitMiddleware(limit: configuration.maximumConnections))
        router.middlewares.add(AccessLogMiddleware(service: service, logger: logger))
        router.middlewares.add(ErrorMiddleware())
        router.middlewares.add(BearerAuthenticator(service: service))
        ReadRoutes(service: service).add(to: router)
        PostRoutes(service: service).add(to: router)
        StreamRoute(service: service).add(to: router)
        ReportRoutes(service: service).add(to: router)
        DocumentRoutes(service: service, registry: registry).add(to: router)
        WebRoutes(service: service).add(to: router)

        let app = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let scheme = configuration.tlsCertificate == nil ? "http" : "https"
                FileHandle.standardOutput.write(Data("listening on \(scheme)://\(configuration.host):\(port)\n".utf8))
            },
            logger: logger)
        // Stopped in reverse order: the stop signal first (streams end), then the server.
        let group = ServiceGroup(configuration: .init(services: [app, service.stop], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            try? await service.shutDown()
            throw error
        }
        try await service.shutDown()
        // `committer` drains what is queued when released; nothing is queued once the server stopped.
        withExtendedLifetime(committer) {}
    }

    /// HTTP/1.1, or with `--tls-cert/--tls-key` TLS offering HTTP/2 and HTTP/1.1 by ALPN
    /// (`h2`, `http/1.1`): a client that asks for neither gets HTTP/1.1.
    private static func serverBuilder(_ configuration: ServerConfiguration) throws -> HTTPServerBuilder {
        guard let certificate = configuration.tlsCertificate, let key = configuration.tlsKey else { return .http1() }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
            let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
            let tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
            return try .http2Upgrade(tlsConfiguration: tls)
        } catch {
            throw ServerStartFailure(message: "cannot read the TLS certificate or key: \(error)")
        }
    }
}

/// Why the server could not start (exit 1).
public struct ServerStartFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
