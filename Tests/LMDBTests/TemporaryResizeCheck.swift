import Foundation
import LMDB
import Testing

@Test func temporaryMapResizedByAnotherProcess() throws {
    try withEnvironment(smallMap()) { env, dir throws in
        let db = try env.openDatabase("events", create: true)
        try env.write { try $0.put(db, key: key(1), value: [1]) }
        let before = try env.mapSize
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/tmp/lmdbcheck/grow")
        p.arguments = [dir]
        try p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(try env.read { try $0.count(db) } == 20_001)
        let after = try env.mapSize
        print("mapSize before \(before) after \(after)")
        #expect(after == 64 << 20)
        try env.write { try $0.put(db, key: key(2), value: [2]) }
        #expect(try env.statistics(db).entries == 20_002)
    }
}
