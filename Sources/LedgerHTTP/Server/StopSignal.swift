import NIOConcurrencyHelpers
import ServiceLifecycle

/// Raised when the graceful stop begins, before the server itself is told: open event streams
/// end on it (otherwise the server would wait for them for ever).
final class StopSignal: Service, Sendable {
    private let raised = NIOLockedValueBox(false)

    var isRaised: Bool { raised.withLockedValue { $0 } }

    func run() async throws {
        try? await gracefulShutdown()
        raised.withLockedValue { $0 = true }
    }
}
