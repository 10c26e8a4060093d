import LMDB
import Testing

@Suite struct CursorTests {
    /// Keys 1, 3, 5, …, 19.
    private func withOddKeys(_ body: (Environment, Database) throws -> Void) throws {
        try withEnvironment { env, _ throws in
            let db = try env.openDatabase("odd", create: true)
            try env.write { txn throws in
                for n in stride(from: UInt64(1), through: 19, by: 2) { try txn.put(db, key: key(n), value: key(n * 10)) }
            }
            try body(env, db)
        }
    }

    private func scan(_ env: Environment, _ db: Database, from start: UInt64?, reverse: Bool, limit: Int = .max) throws -> [UInt64] {
        try env.read { txn throws in
            var seen: [UInt64] = []
            let visit = { (k: UnsafeRawBufferPointer, v: UnsafeRawBufferPointer) -> Bool in
                #expect(number(v) == number(k) * 10)
                seen.append(number(k))
                return seen.count < limit
            }
            if let start { try txn.forEach(db, from: key(start), reverse: reverse, visit) }
            else { try txn.forEach(db, reverse: reverse, visit) }
            return seen
        }
    }

    @Test func forwardFromStartKey() throws {
        try withOddKeys { env, db throws in
            #expect(try scan(env, db, from: 8, reverse: false) == [9, 11, 13, 15, 17, 19])
            #expect(try scan(env, db, from: 9, reverse: false) == [9, 11, 13, 15, 17, 19])
            #expect(try scan(env, db, from: 0, reverse: false, limit: 3) == [1, 3, 5])
            #expect(try scan(env, db, from: 20, reverse: false) == [])
            #expect(try scan(env, db, from: nil, reverse: false).count == 10)
        }
    }

    @Test func reverseFromStartKey() throws {
        try withOddKeys { env, db throws in
            #expect(try scan(env, db, from: 8, reverse: true) == [7, 5, 3, 1])
            #expect(try scan(env, db, from: 9, reverse: true) == [9, 7, 5, 3, 1])
            #expect(try scan(env, db, from: 100, reverse: true, limit: 2) == [19, 17])
            #expect(try scan(env, db, from: 0, reverse: true) == [])
            #expect(try scan(env, db, from: nil, reverse: true) == Array(stride(from: 19, through: 1, by: -2)))
        }
    }

    @Test func emptyStartKeyMeansTheBeginning() throws {
        try withOddKeys { env, db throws in
            let forward = try env.read { txn in
                var seen = 0
                try txn.forEach(db, from: [UInt8]()) { _, _ in seen += 1; return true }
                return seen
            }
            #expect(forward == 10)
            let backward = try env.read { txn in
                var seen = 0
                try txn.forEach(db, from: [UInt8](), reverse: true) { _, _ in seen += 1; return true }
                return seen
            }
            #expect(backward == 0)
        }
    }

    @Test func firstAndLastAreCopies() throws {
        try withOddKeys { env, db throws in
            let (first, last) = try env.read { txn in (try txn.first(db), try txn.last(db)) }
            #expect(first?.key == key(1))
            #expect(last?.key == key(19))
            #expect(last?.value == key(190))
        }
    }

    @Test func emptyDatabaseScansNothing() throws {
        try withEnvironment { env, _ throws in
            let db = try env.openDatabase("empty", create: true)
            #expect(try scan(env, db, from: 5, reverse: true) == [])
            #expect(try scan(env, db, from: nil, reverse: false) == [])
        }
    }
}
