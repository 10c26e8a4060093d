#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The input of a post, opened and checked before the ledger is locked for writing, so that an
/// input that cannot be read, or never ends, is refused without holding up other writers.
///
/// A regular file is read in place, from where its descriptor stood, as often as the post runs
/// (LMDB runs a batch again after growing its map). Anything that cannot be read twice (standard
/// input from a pipe or terminal, a named pipe) is first copied, at most `copyBytesMax` bytes,
/// into a private temporary file unlinked as soon as it is made: no name to delete afterwards,
/// nothing left behind even if the process is killed. Devices (`/dev/zero`), sockets and
/// directories are refused: they are not event files.
public final class InputFile {
    /// The most copied from standard input or a named pipe: 4 GiB, about ten million events. A
    /// larger input is posted from a file, which is read in place without a copy.
    public static let copyBytesMax = 4 << 30
    /// How far the start is searched for a line end, to tell CR-only line ends: more than an
    /// event line may hold (`LineReader.lineLengthMax`).
    static let lineEndProbeBytes = LineReader.lineLengthMax + 2

    /// The path as given, or "standard input": for messages.
    public let name: String
    private let descriptor: Int32
    private let start: off_t

    /// Opens `path` (nil or "-": standard input) and checks it; copies what cannot be reread.
    /// - Throws: `InputError`.
    public init(path: String?, copyBytesMax: Int = InputFile.copyBytesMax, temporaryDirectory: String? = nil) throws(InputError) {
        let isStandardInput = path == nil || path == "-"
        let name = isStandardInput ? "standard input" : path!
        // O_NONBLOCK: opening a named pipe must not wait for a writer before it is checked.
        let opened = isStandardInput ? dup(STDIN_FILENO) : open(name, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard opened >= 0 else { throw .cannotOpen(path: name, errno: errno) }
        var descriptor = opened
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw .cannotOpen(path: name, errno: code)
        }
        let type = status.st_mode & S_IFMT
        switch type {
        case S_IFREG:
            InputFile.setBlocking(descriptor)
        case _ where type == S_IFIFO || (type == S_IFCHR && isatty(descriptor) == 1):
            // A named pipe stays open as it was opened (non-blocking): closing it to open it
            // again lost whatever a writer wrote in between, and then waited for ever. `copy`
            // waits for the writer, still before any lock is taken.
            do {
                let copy = try InputFile.copy(descriptor, name: name, limit: copyBytesMax, temporaryDirectory: temporaryDirectory)
                close(descriptor)
                descriptor = copy
            } catch {
                close(descriptor)
                throw error
            }
        default:
            close(descriptor)
            if type == S_IFDIR { throw .isDirectory(path: name) }
            throw .unsupportedKind(path: name, kind: InputFile.kind(of: type))
        }
        // A regular file is read from where its descriptor stood (`(read header; post) < file`);
        // a copy from its first byte.
        let start = type == S_IFREG ? lseek(descriptor, 0, SEEK_CUR) : 0
        self.name = name
        self.descriptor = descriptor
        self.start = max(start, 0)
        do {
            try checkLineEnds()
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

    /// The bytes of a whole (small) input such as a statement, at most `bytesMax`: checked as a
    /// post's input is, so that a directory or a device is named rather than read.
    public static func contents(of path: String, bytesMax: Int) throws(InputError) -> [UInt8] {
        let input = try InputFile(path: path, copyBytesMax: bytesMax)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < bytesMax {
            let count = chunk.withUnsafeMutableBytes { read(input.descriptor, $0.baseAddress!, min($0.count, bytesMax - bytes.count)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .readFailed(path: path, errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// The lines from the start of the input; each call starts again from the first line.
    public func lines() throws(InputError) -> LineReader {
        guard lseek(descriptor, start, SEEK_SET) == start else { throw .readFailed(path: name, errno: errno) }
        return LineReader(descriptor: descriptor, name: name)
    }

    /// A file whose first line end, within the longest line, is a CR not followed by LF has
    /// CR-only line ends: refused by name rather than read as one long, malformed line.
    private func checkLineEnds() throws(InputError) {
        var probe = [UInt8](repeating: 0, count: InputFile.lineEndProbeBytes)
        let count = probe.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, start) }
        guard count > 0 else { return }
        let bytes = probe[0..<count]
        guard let lineFeed = bytes.firstIndex(of: 0x0A) else {
            if bytes.dropLast().contains(0x0D) { throw .carriageReturnLineEnds(path: name) }
            return
        }
        if let carriageReturn = bytes[..<lineFeed].firstIndex(of: 0x0D), carriageReturn + 1 < lineFeed {
            throw .carriageReturnLineEnds(path: name)
        }
    }

    private static func setBlocking(_ descriptor: Int32) {
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
    }

    /// Copies `source` to a new `PrivateTemporaryFile`, refusing past `limit` bytes.
    private static func copy(_ source: Int32, name: String, limit: Int, temporaryDirectory: String?) throws(InputError) -> Int32 {
        guard let copy = PrivateTemporaryFile.create(in: temporaryDirectory) else { throw .cannotCopy(path: name, errno: errno) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        while true {
            // Wait until there is something to read or the writer has come and gone: a named
            // pipe opened non-blocking reads as ended before its writer has even opened it.
            var ready = pollfd(fd: source, events: Int16(POLLIN), revents: 0)
            if poll(&ready, 1, -1) < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(copy)
                throw .readFailed(path: name, errno: code)
            }
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                let code = errno
                close(copy)
                throw .readFailed(path: name, errno: code)
            }
            if count == 0 { return copy }
            total += count
            guard total <= limit else {
                close(copy)
                throw .tooLarge(path: name, limitBytes: limit)
            }
            var written = 0
            while written < count {
                let step = buffer.withUnsafeBytes { write(copy, $0.baseAddress! + written, count - written) }
                if step < 0 {
                    if errno == EINTR { continue }
                    let code = errno
                    close(copy)
                    throw .cannotCopy(path: name, errno: code)
                }
                written += step
            }
        }
    }

    private static func kind(of type: mode_t) -> String {
        switch type {
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }
}
