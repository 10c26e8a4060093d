import ArgumentParser
import LedgerApplication
import LedgerStore

/// The exit codes of SPEC 6.
enum ExitStatus: Int32 {
    case success = 0
    case operationalFailure = 1
    case usage = 2
    case rejected = 3
    case verifyMismatch = 5
}

/// A failure that ends the command with a message on standard error and an SPEC 6 exit code.
struct CommandFailure: Error {
    let status: ExitStatus
    let message: String?
}

/// Runs the body, mapping anything but a usage error or a deliberate exit to exit code 1.
func withLedgerErrors<R>(_ body: () throws -> R) throws -> R {
    do {
        return try body()
    } catch let failure as CommandFailure {
        throw failure
    } catch let error as ValidationError {
        throw error
    } catch let error as StoreError {
        throw error.commandFailure
    } catch let error as InputError {
        throw error.commandFailure
    } catch let error as ApplicationError {
        throw error.commandFailure
    } catch {
        throw CommandFailure(status: .operationalFailure, message: "error: \(error)")
    }
}
