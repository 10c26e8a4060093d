import LMDB
import Dispatch

/// Tells whoever waits for a write transaction that another writer is holding it up. LMDB's
/// writer lock has no "try" form, so the notice comes from a timer: if the transaction has not
/// begun `noticeDelay` after it was asked for, another process (or thread) is writing.
final class WriterWait: Sendable {
    /// Long enough that an ordinary wait for a short commit says nothing.
    static let noticeDelay: DispatchTimeInterval = .seconds(1)

    private let lock = ConditionLock()
    /// Guarded by `lock`: the write began (or was given up), so no notice is due.
    nonisolated(unsafe) private var isOver = false

    init(notice: (@Sendable () -> Void)?) {
        guard let notice else {
            isOver = true
            return
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + WriterWait.noticeDelay) { [self] in
            let due = lock.withLock { () -> Bool in
                defer { isOver = true }
                return !isOver
            }
            if due { notice() }
        }
    }

    /// The transaction began (or failed): no notice from now on.
    func end() { lock.withLock { isOver = true } }
}
