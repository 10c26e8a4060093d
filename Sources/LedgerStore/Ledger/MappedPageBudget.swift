import LMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts steps through the map (an event written or read, a budget's projection written back)
/// and says when to hand its pages back (`Environment.releaseMappedPages`), so that posting or
/// folding millions of events keeps a bounded resident set. Shared by the ledger's threads.
///
/// The rule is the memory itself: it reads how many file-backed pages the process has resident
/// (`/proc/self/statm`) and hands the map back once they have grown `mappedBytesAllowed` past
/// what they were after the last hand-back. How often it reads follows how fast they grow.
/// What one step maps is not bounded by the pages it reads: the kernel maps the neighbours of a
/// faulted page (64 KB), and where the file's page cache holds large folios (LMDB writes long
/// runs of pages in one call, and ext4 caches them as folios of up to 2 MB) one touched leaf
/// maps the whole folio. Measured on this machine's kernel (6.18): 1,000 random page reads
/// mapped 62 MB of a file written 4 KB at a time and 657 MB of one written 1 MB at a time, with
/// or without MADV_RANDOM. A check every 256 steps let a 10M-event bulk post overshoot to 2.6 GB.
/// Where `statm` cannot be read, the map is handed back every `stepsBetweenReleases`.
final class MappedPageBudget: Sendable {
    static let mappedBytesAllowed = 48 << 20
    /// The longest run of steps between two readings of `statm` (one `pread`, ~0.6 µs).
    static let mostStepsBetweenChecks = 16
    static let stepsBetweenReleases = 5_000

    private let lock = ConditionLock()
    private let state = State()
    private let residentFileBytes: @Sendable () -> Int?

    /// `residentFileBytes` reads the process's file-backed resident bytes (tests give their own).
    init(residentFileBytes: @escaping @Sendable () -> Int? = ResidentFileBytes.read) {
        self.residentFileBytes = residentFileBytes
    }

    /// Guarded by `lock`.
    private final class State: @unchecked Sendable {
        var stepsSinceCheck = 0
        var stepsUntilCheck = 1
        var stepsSinceRelease = 0
        /// File-backed resident bytes right after the last hand-back (nil: not known yet).
        var residentAfterRelease: Int?
        var residentAtLastCheck = 0
        var handBacks = 0
    }

    /// How many times the map has been handed back (`released()`).
    var handBacks: Int { lock.withLock { state.handBacks } }

    /// Adds `steps`; true when the pages are due to be handed back. Call `released()` after.
    func spend(_ steps: Int) -> Bool {
        lock.withLock {
            state.stepsSinceCheck += steps
            state.stepsSinceRelease += steps
            guard state.stepsSinceCheck >= state.stepsUntilCheck else { return false }
            let stepsChecked = state.stepsSinceCheck
            state.stepsSinceCheck = 0
            guard let resident = residentFileBytes() else {
                let due = state.stepsSinceRelease >= MappedPageBudget.stepsBetweenReleases
                state.stepsUntilCheck = due ? MappedPageBudget.stepsBetweenReleases : MappedPageBudget.stepsBetweenReleases - state.stepsSinceRelease
                return due
            }
            defer { state.residentAtLastCheck = resident }
            guard let baseline = state.residentAfterRelease else {
                state.residentAfterRelease = resident
                return false
            }
            let room = baseline + MappedPageBudget.mappedBytesAllowed - resident
            if room <= 0 || state.stepsSinceRelease >= MappedPageBudget.stepsBetweenReleases * 20 { return true }
            // Check again before the growth seen so far could use half the room left.
            let bytesPerStep = max(1, (resident - state.residentAtLastCheck) / stepsChecked)
            state.stepsUntilCheck = min(MappedPageBudget.mostStepsBetweenChecks, max(1, room / 2 / bytesPerStep))
            return false
        }
    }

    /// Notes the resident size after a hand-back: the next one is due when it has grown again.
    func released() {
        lock.withLock {
            state.handBacks += 1
            state.stepsSinceRelease = 0
            state.stepsUntilCheck = 1
            state.residentAfterRelease = residentFileBytes()
            state.residentAtLastCheck = state.residentAfterRelease ?? 0
        }
    }
}

/// The process's resident pages that are backed by files (the third field of
/// `/proc/self/statm`, "shared"), in bytes. The file stays open: reading it again from offset 0
/// makes the kernel write it afresh, for one system call instead of three.
enum ResidentFileBytes {
    #if os(Linux)
    private static let statm = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    #endif

    /// Nil where there is no such file.
    static func read() -> Int? {
        #if os(Linux)
        guard statm >= 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer -> Int? in
            let count = pread(statm, buffer.baseAddress, buffer.count, 0)
            guard count > 0 else { return nil }
            // "size resident shared text lib data dt": the third number.
            var field = 0, value = 0, sawDigit = false
            for byte in buffer[..<count] {
                if byte == UInt8(ascii: " ") {
                    if field == 2 { break }
                    field += 1
                    value = 0
                    sawDigit = false
                } else if field == 2, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    value = value &* 10 &+ Int(byte - UInt8(ascii: "0"))
                    sawDigit = true
                }
            }
            return field == 2 && sawDigit ? value * pageSize : nil
        }
        #else
        return nil
        #endif
    }
}
