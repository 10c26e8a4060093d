import LedgerStore
import NIOConcurrencyHelpers

/// The web sessions of this server process, in memory: a restart signs everyone out. A session
/// ends after `idleLimit` without a request, at sign-out, or when its user's token stops working.
final class WebSessions: Sendable {
    /// Eight hours without a request ends a session.
    static let idleLimit: Duration = .seconds(8 * 60 * 60)
    /// The most sessions kept at once; past it, the least recently used one is dropped first.
    static let sessionsMax = 10_000

    private let sessions = NIOLockedValueBox<[String: WebSession]>([:])
    private let now: @Sendable () -> ContinuousClock.Instant

    init(now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) { self.now = now }

    /// A new session for a user who just signed in with the token whose hash is `tokenHash`.
    func start(userName: String, tokenHash: [UInt8]) -> WebSession {
        let session = WebSession(id: SessionSecret.generate(), userName: userName, tokenHash: tokenHash,
                                 csrfToken: SessionSecret.generate(), lastUsed: now(), pendingReconciliation: nil)
        let instant = now()
        sessions.withLockedValue { sessions in
            sessions = sessions.filter { instant - $0.value.lastUsed < WebSessions.idleLimit }
            if sessions.count >= WebSessions.sessionsMax, let oldest = sessions.min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
                sessions[oldest.key] = nil
            }
            sessions[session.id] = session
        }
        return session
    }

    /// The session with this id, its idle time reset; nil when unknown or idle too long (then it ends).
    func use(_ id: String) -> WebSession? {
        let instant = now()
        return sessions.withLockedValue { sessions in
            guard var session = sessions[id] else { return nil }
            guard instant - session.lastUsed < WebSessions.idleLimit else {
                sessions[id] = nil
                return nil
            }
            session.lastUsed = instant
            sessions[id] = session
            return session
        }
    }

    func end(_ id: String) {
        _ = sessions.withLockedValue { $0.removeValue(forKey: id) }
    }

    /// Keeps `pending` for the session's "record" button (replacing an earlier one).
    func keep(_ pending: PendingReconciliation, for id: String) {
        sessions.withLockedValue { $0[id]?.pendingReconciliation = pending }
    }

    /// The session's pending reconciliation, if its id is `pendingID`. It stays: pressing the
    /// button twice records one event (the second is a duplicate of the first).
    func pending(_ pendingID: String, for id: String) -> PendingReconciliation? {
        sessions.withLockedValue { sessions in
            guard let pending = sessions[id]?.pendingReconciliation,
                  BearerToken.constantTimeEquals(Array(pending.id.utf8), Array(pendingID.utf8)) else { return nil }
            return pending
        }
    }
}
