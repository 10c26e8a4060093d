import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Environment {
    /// Hands the pages of the memory map that this process has touched back to the kernel
    /// (madvise MADV_DONTNEED). LMDB reads through the map, and every page a transaction reads
    /// or copies stays mapped, so a long load or scan would count most of the data file in the
    /// process's resident memory. The pages are clean and stay in the page cache: the next
    /// access maps them again (a minor fault); nothing is written or lost. Safe while other
    /// threads read: LMDB never changes a page a live transaction can see.
    ///
    /// LMDB does not say where its map is (mdb_env_info only reports a fixed address), so the
    /// data file's mappings are looked up in /proc/self/maps; elsewhere this does nothing.
    public func releaseMappedPages() {
        #if os(Linux)
        guard let dataFile = realpath(path + "/data.mdb", nil) else { return }
        let file = String(cString: dataFile)
        free(dataFile)
        gate.withShared {  // the map is not moved or resized meanwhile
            for range in Self.mappings(of: file) {
                _ = madvise(UnsafeMutableRawPointer(bitPattern: range.lowerBound), range.count, Int32(MADV_DONTNEED))
            }
        }
        #endif
    }

    /// The address ranges at which `file` is mapped into this process.
    static func mappings(of file: String) -> [Range<Int>] {
        guard let maps = fopen("/proc/self/maps", "r") else { return [] }
        defer { fclose(maps) }
        var ranges: [Range<Int>] = []
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), maps) != nil {
            // "start-end perms offset dev inode    path"
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).trimmingTrailingNewline()
            guard text.hasSuffix(" " + file), let dash = text.firstIndex(of: "-"), let space = text.firstIndex(of: " "),
                  let start = Int(text[..<dash], radix: 16), let end = Int(text[text.index(after: dash)..<space], radix: 16),
                  start < end else { continue }
            ranges.append(start..<end)
        }
        return ranges
    }
}

private extension String {
    func trimmingTrailingNewline() -> String { hasSuffix("\n") ? String(dropLast()) : self }
}
