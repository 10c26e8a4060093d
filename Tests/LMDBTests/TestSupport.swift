import Foundation
import LMDB

/// Runs `body` with a fresh temporary directory, removed afterwards.
func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("lmdb-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// Runs `body` with an environment in a fresh temporary directory; the environment is
/// closed before the directory is removed.
func withEnvironment<R>(
    _ options: EnvironmentOptions = EnvironmentOptions(),
    _ body: (Environment, String) throws -> R
) throws -> R {
    try withTemporaryDirectory { directory in
        try body(Environment(directory: directory, options: options), directory)
    }
}

/// Options with a small map, so tests that grow it stay fast.
func smallMap(initial: Int = 64 << 10, maximum: Int = 1 << 30) -> EnvironmentOptions {
    var options = EnvironmentOptions()
    options.initialMapSize = initial
    options.maximumMapSize = maximum
    return options
}

/// Big-endian UInt64 key, as the store encodes them (byte order = numeric order).
func key(_ n: UInt64) -> [UInt8] {
    withUnsafeBytes(of: n.bigEndian) { Array($0) }
}

func number(_ key: UnsafeRawBufferPointer) -> UInt64 {
    UInt64(bigEndian: key.loadUnaligned(as: UInt64.self))
}

func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }

func permissions(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as! NSNumber).intValue
}
