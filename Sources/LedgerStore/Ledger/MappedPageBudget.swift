import LMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts events written or read through the map and says when to hand its pages back
/// (`Environment.releaseMappedPages`), so that posting or folding millions of events keeps a
/// bounded resident set. Shared by the ledger's threads.
///
/// The rule is the memory itself: every `eventsBetweenChecks` events it reads how many
/// file-backed pages the process has resident (`/proc/self/statm`), and hands the map back once
/// they have grown `mappedBytesAllowed` past what they were after the last hand-back. A count of
/// events alone was not enough: how much of the map an event touches depends on where its id
/// and budget land in the indexes (ids spread over the whole id index touch a leaf each, and the
/// kernel maps neighbouring pages with every fault), so 5,000 events mapped anything from 20 to
/// 180 MB. Where `statm` cannot be read, the map is handed back every `eventsBetweenReleases`.
final class MappedPageBudget: Sendable {
    static let eventsBetweenChecks = 256
    static let mappedBytesAllowed = 48 << 20
    static let eventsBetweenReleases = 5_000

    private let lock = ConditionLock()
    private let state = State()

    /// Guarded by `lock`.
    private final class State: @unchecked Sendable {
        var eventsSinceCheck = 0
        var eventsSinceRelease = 0
        /// File-backed resident bytes right after the last hand-back (nil: not known yet).
        var residentAfterRelease: Int?
    }

    /// Adds `events`; true when the pages are due to be handed back. Call `released()` after.
    func spend(_ events: Int) -> Bool {
        lock.withLock {
            state.eventsSinceCheck += events
            state.eventsSinceRelease += events
            guard state.eventsSinceCheck >= MappedPageBudget.eventsBetweenChecks else { return false }
            state.eventsSinceCheck = 0
            guard let resident = Self.residentFileBytes() else {
                return state.eventsSinceRelease >= MappedPageBudget.eventsBetweenReleases
            }
            guard let baseline = state.residentAfterRelease else {
                state.residentAfterRelease = resident
                return false
            }
            return resident - baseline > MappedPageBudget.mappedBytesAllowed
                || state.eventsSinceRelease >= MappedPageBudget.eventsBetweenReleases * 20
        }
    }

    /// Notes the resident size after a hand-back: the next one is due when it has grown again.
    func released() {
        lock.withLock {
            state.eventsSinceRelease = 0
            state.residentAfterRelease = Self.residentFileBytes()
        }
    }

    /// The process's resident pages that are backed by files (the third field of
    /// `/proc/self/statm`, "shared"), in bytes; nil where there is no such file.
    static func residentFileBytes() -> Int? {
        #if os(Linux)
        let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count >= 3, let pages = Int(String(decoding: fields[2], as: UTF8.self)) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return nil
        #endif
    }
}
