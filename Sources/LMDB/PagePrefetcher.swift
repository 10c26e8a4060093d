import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the CPU to load each map page a walk enters, whole, as soon as the walk meets it.
///
/// A walk in key order reads a leaf's entries one after another, and on a map the process has
/// not read lately each entry's first bytes wait for memory: replay's hashing spent about half
/// its time on those loads. Loading the page's cache lines at once lets them arrive together.
/// A hint only: it reads nothing and cannot fault.
public struct PagePrefetcher {
    /// LMDB's pages are the operating system's (`mdb_env_open` takes `sysconf(_SC_PAGE_SIZE)`).
    private static let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))
    private var lastPage: UInt = 0

    public init() {}

    /// Prefetches the page that holds `bytes`, unless it was the last one asked for.
    @inline(__always)
    public mutating func enter(_ bytes: UnsafeRawBufferPointer) {
        let page = UInt(bitPattern: bytes.baseAddress) & ~(Self.pageSize - 1)
        guard page != lastPage, page != 0 else { return }
        lastPage = page
        clmdb_prefetch(UnsafeRawPointer(bitPattern: page), Self.pageSize)
    }
}
