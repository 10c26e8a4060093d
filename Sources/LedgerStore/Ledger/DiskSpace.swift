#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Free space on the file system of a directory, to name a full disk as such.
enum DiskSpace {
    /// Less than a megabyte left for this user: a write of a batch's pages cannot have fitted.
    static func isNearlyFull(_ directory: String) -> Bool {
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 1 << 20
    }
}
