#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes to a file descriptor with write(2), to the last byte. `FileHandle.write(_:)`
/// traps on a failed write (a full disk, `> /dev/full`), and its throwing form still loses the
/// errno; this keeps it, so that the command can say what failed and exit 1.
enum DescriptorWriter {
    /// Writes all of `bytes`, resuming after short writes and interruptions.
    /// - Returns: nil when everything was written, else the errno of the failed write.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += count
        }
        return nil
    }

    /// Standard output could not take the report: say why on standard error and exit 1 (SPEC 6:
    /// an I/O failure). Nothing more can be written, so the process ends here.
    static func failStandardOutput(_ code: Int32) -> Never {
        _ = writeAll(Array("cannot write output: \(String(cString: strerror(code)))\n".utf8), to: STDERR_FILENO)
        exit(ExitStatus.operationalFailure.rawValue)
    }
}
