import LMDB
import Testing

@Suite struct ReadWriteTests {
    @Test func putThenGetRoundTrips() throws {
        try withEnvironment { env, _ throws in
            let db = try env.openDatabase("kv", create: true)
            try env.write { txn throws in
                try txn.put(db, key: bytes("alpha"), value: bytes("one"))
                try txn.put(db, key: bytes("beta").dropFirst(0), value: [UInt8]())  // ArraySlice key, empty value
                try key(7).withUnsafeBytes { try txn.put(db, key: $0, value: "seven".utf8) }
                // A write transaction reads its own writes.
                #expect(try txn.get(db, key: bytes("alpha")) == bytes("one"))
            }
            try env.read { txn throws in
                #expect(try txn.get(db, key: bytes("alpha")) == bytes("one"))
                #expect(try txn.get(db, key: "beta".utf8) == [])
                #expect(try txn.get(db, key: key(7)) == bytes("seven"))
                #expect(try txn.withValue(db, key: bytes("alpha")) { $0.count } == 3)
                #expect(try txn.count(db) == 3)
            }
        }
    }

    @Test func missingKeyIsNil() throws {
        try withEnvironment { env, _ throws in
            let db = try env.openDatabase("kv", create: true)
            try env.read { txn throws in
                #expect(try txn.get(db, key: bytes("nope")) == nil)
                #expect(try txn.withValue(db, key: bytes("nope")) { _ in 1 } == nil)
                #expect(try txn.first(db) == nil)
                #expect(try txn.last(db) == nil)
                #expect(try txn.count(db) == 0)
            }
            let deleted = try env.write { try $0.delete(db, key: bytes("nope")) }
            #expect(!deleted)
        }
    }

    @Test func throwingBodyWritesNothing() throws {
        struct Boom: Error {}
        try withEnvironment { env, _ throws in
            let db = try env.openDatabase("kv", create: true)
            #expect(throws: Boom.self) {
                try env.write { txn throws in
                    try txn.put(db, key: bytes("a"), value: bytes("1"))
                    throw Boom()
                }
            }
            #expect(try env.read { try $0.get(db, key: bytes("a")) } == nil)
            #expect(try env.statistics(db).entries == 0)
        }
    }

    @Test func noOverwriteReportsExistingKey() throws {
        try withEnvironment { env, _ throws in
            let db = try env.openDatabase("kv", create: true)
            let (first, second) = try env.write { txn throws in
                (try txn.insert(db, key: bytes("k"), value: bytes("v1")),
                 try txn.insert(db, key: bytes("k"), value: bytes("v2")))
            }
            #expect(first)
            #expect(!second)
            let error = #expect(throws: LMDBError.self) {
                try env.write { try $0.put(db, key: bytes("k"), value: bytes("v3"), flags: .noOverwrite) }
            }
            #expect(error?.isKeyExists == true)
            #expect(error?.code == LMDBError.keyExistsCode)
            #expect(try env.read { try $0.get(db, key: bytes("k")) } == bytes("v1"))
        }
    }

    @Test func appendRejectsOutOfOrderKeys() throws {
        try withEnvironment { env, _ throws in
            let db = try env.openDatabase("log", create: true)
            try env.write { txn throws in
                for n in UInt64(1)...100 { try txn.put(db, key: key(n), value: key(n * n), flags: .append) }
            }
            let error = #expect(throws: LMDBError.self) {
                try env.write { try $0.put(db, key: key(50), value: [1], flags: .append) }
            }
            #expect(error?.isKeyExists == true)
            let last = try env.read { try $0.last(db) }
            #expect(last?.key == key(100))
            #expect(last?.value == key(10_000))
        }
    }

    @Test func deleteAndDropAll() throws {
        try withEnvironment { env, _ throws in
            let db = try env.openDatabase("projection", create: true)
            let other = try env.openDatabase("other", create: true)
            try env.write { txn throws in
                for n in UInt64(0)..<500 { try txn.put(db, key: key(n), value: bytes("x")) }
                try txn.put(other, key: key(1), value: bytes("kept"))
            }
            #expect(try env.write { try $0.delete(db, key: key(3)) })
            #expect(try env.statistics(db).entries == 499)
            try env.write { try $0.dropAll(db) }
            try env.read { txn throws in
                #expect(try txn.count(db) == 0)
                #expect(try txn.first(db) == nil)
                #expect(try txn.get(other, key: key(1)) == bytes("kept"))
            }
            // The emptied database stays usable.
            try env.write { try $0.put(db, key: key(9), value: bytes("again")) }
            #expect(try env.read { try $0.count(db) } == 1)
        }
    }

    @Test func dataSurvivesReopenAndReadOnlyMode() throws {
        try withTemporaryDirectory { directory in
            do {
                let env = try Environment(directory: directory, options: EnvironmentOptions())
                let db = try env.openDatabase("kv", create: true)
                try env.write { try $0.put(db, key: bytes("persist"), value: bytes("me")) }
            }
            var options = EnvironmentOptions()
            options.readOnly = true
            let env = try Environment(directory: directory, options: options)
            let db = try env.openDatabase("kv", create: false)
            #expect(try env.read { try $0.get(db, key: bytes("persist")) } == bytes("me"))
            #expect(throws: LMDBError.self) { try env.write { try $0.put(db, key: [1], value: [1]) } }
            let missing = #expect(throws: LMDBError.self) { try env.openDatabase("absent", create: false) }
            #expect(missing?.isNotFound == true)
        }
    }

    @Test func filesAreOwnerOnly() throws {
        try withEnvironment { env, directory throws in
            let db = try env.openDatabase("kv", create: true)
            try env.write { try $0.put(db, key: [1], value: [2]) }
            #expect(try permissions(of: directory + "/data.mdb") == 0o600)
            #expect(try permissions(of: directory + "/lock.mdb") == 0o600)
        }
    }

    @Test func misuseThrowsInsteadOfDeadlocking() throws {
        try withEnvironment { env, _ throws in
            let db = try env.openDatabase("kv", create: true)
            let nested = #expect(throws: LMDBError.self) {
                try env.write { _ in try env.write { try $0.put(db, key: [1], value: [1]) } }
            }
            #expect(nested?.operation.contains("nested") == true)
            #expect(throws: LMDBError.self) { try env.read { _ in try env.openDatabase("x", create: true) } }
            // A read inside a write is fine (MDB_NOTLS) and sees the last committed snapshot.
            try env.write { txn throws in
                try txn.put(db, key: [1], value: [1])
                #expect(try env.read { try $0.get(db, key: [1]) } == nil)
            }
            #expect(try env.read { try $0.get(db, key: [1]) } == [1])
        }
    }

    @Test func errorsDescribeThemselves() {
        let error = LMDBError(code: LMDBError.mapFullCode, operation: "mdb_put")
        #expect(error.isMapFull)
        #expect(error.description.contains("mdb_put"))
        #expect(error.description.contains("MDB_MAP_FULL"))
        #expect(throws: LMDBError.self) { try withTemporaryDirectory { try Environment(directory: $0 + "/missing", options: EnvironmentOptions()) } }
    }
}
