#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The test build's way to hold a whole-ledger job running. `$BUDGET_LEDGER_HOLD_WHOLE_LEDGER_WORK`
/// names a directory (`TestSwitches` reads it only in `budget-ledger-testing`): as it starts, the
/// job writes one byte to the FIFO `arrivals` there (which the test holds open, and reads to know
/// the job has started), then waits to lock the file `hold` shared, which the test holds locked
/// until it lets the job go. Never set in real use.
struct WholeLedgerHold: Sendable {
    let directory: String

    func waitToBeReleased() throws {
        let arrivals = open(directory + "/arrivals", O_WRONLY | O_CLOEXEC)
        guard arrivals >= 0 else { throw HoldFailure() }
        var byte: UInt8 = 0x31
        let written = write(arrivals, &byte, 1)
        close(arrivals)
        guard written == 1 else { throw HoldFailure() }
        let hold = open(directory + "/hold", O_RDONLY | O_CLOEXEC)
        guard hold >= 0 else { throw HoldFailure() }
        defer { close(hold) }
        while flock(hold, LOCK_SH) != 0 {
            guard errno == EINTR else { throw HoldFailure() }
        }
    }

    struct HoldFailure: Error {}
}
