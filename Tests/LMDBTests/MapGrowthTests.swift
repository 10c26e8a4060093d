import LMDB
import Testing

@Suite struct MapGrowthTests {
    private static let value = [UInt8](repeating: 0xAB, count: 1000)

    @Test func bigTransactionGrowsTheMap() throws {
        try withEnvironment(smallMap()) { env, _ throws in
            let db = try env.openDatabase("events", create: true)
            let initial = env.mapSize
            var runs = 0
            try env.write { txn throws in
                runs += 1
                for n in UInt64(0)..<10_000 { try txn.put(db, key: key(n), value: Self.value, flags: .append) }
            }
            #expect(runs > 1)  // the body was rerun after growing
            #expect(env.mapSize > 10_000_000)
            #expect(env.mapSize > initial)
            #expect(try env.statistics(db).entries == 10_000)
        }
    }

    @Test func growthStopsAtMaximumAndWritesNothing() throws {
        try withEnvironment(smallMap(maximum: 1 << 20)) { env, _ throws in
            let db = try env.openDatabase("events", create: true)
            try env.write { try $0.put(db, key: key(0), value: bytes("before")) }
            let error = #expect(throws: LMDBError.self) {
                try env.write { txn throws in
                    for n in UInt64(1)...2_000 { try txn.put(db, key: key(n), value: Self.value) }
                }
            }
            #expect(error?.isMapFull == true)
            #expect(env.mapSize == 1 << 20)
            try env.read { txn throws in
                #expect(try txn.count(db) == 1)
                #expect(try txn.get(db, key: key(1)) == nil)
            }
            try env.write { try $0.put(db, key: key(1), value: bytes("small still fits")) }
            #expect(try env.statistics(db).entries == 2)
        }
    }

    @Test func swallowedMapFullStillGrowsAndRetries() throws {
        try withEnvironment(smallMap()) { env, _ throws in
            let db = try env.openDatabase("events", create: true)
            var runs = 0
            let returned = try env.write { txn throws in
                runs += 1
                for n in UInt64(0)..<1_000 { try? txn.put(db, key: key(n), value: Self.value) }
                return runs
            }
            #expect(try env.statistics(db).entries == 1_000)
            // Each run returned, the first after swallowing MAP_FULL: the committed run's result
            // is the one handed back.
            #expect(runs > 1)
            #expect(returned == runs)
        }
    }

    @Test func wrappedErrorSurfacesAtMaximum() throws {
        struct Wrapped: Error { let underlying: any Error }
        try withEnvironment(smallMap(maximum: 256 << 10)) { env, _ throws in
            let db = try env.openDatabase("events", create: true)
            #expect(throws: Wrapped.self) {
                try env.write { txn throws in
                    do {
                        for n in UInt64(0)..<1_000 { try txn.put(db, key: key(n), value: Self.value) }
                    } catch { throw Wrapped(underlying: error) }
                }
            }
            #expect(try env.statistics(db).entries == 0)
        }
    }

    @Test func writeNestedInReadCannotGrow() throws {
        try withEnvironment(smallMap(maximum: 1 << 30)) { env, _ throws in
            let db = try env.openDatabase("events", create: true)
            let error = #expect(throws: LMDBError.self) {
                try env.read { _ in
                    try env.write { txn throws in
                        for n in UInt64(0)..<1_000 { try txn.put(db, key: key(n), value: Self.value) }
                    }
                }
            }
            #expect(error?.isMapFull == true)
        }
    }
}
