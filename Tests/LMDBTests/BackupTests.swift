import LMDB
import Testing

@Suite struct BackupTests {
    @Test(arguments: [true, false])
    func copyOpensWithTheSameData(compacting: Bool) throws {
        try withTemporaryDirectory { scratch in
            let backup = scratch + "/backup"
            try withEnvironment(smallMap()) { env, _ throws in
                let db = try env.openDatabase("events", create: true)
                try env.write { txn throws in
                    for n in UInt64(0)..<2_000 { try txn.put(db, key: key(n), value: key(n &* 31)) }
                }
                try env.write { txn throws in
                    for n in UInt64(0)..<1_000 { _ = try txn.delete(db, key: key(n)) }
                }
                try env.copy(to: backup, compacting: compacting)
                #expect(try permissions(of: backup + "/data.mdb") == 0o600)
                // The directory must not already hold a copy.
                #expect(throws: LMDBError.self) { try env.copy(to: backup, compacting: compacting) }
            }
            let copy = try Environment(directory: backup, options: EnvironmentOptions())
            let db = try copy.openDatabase("events", create: false)
            try copy.read { txn throws in
                #expect(try txn.count(db) == 1_000)
                #expect(try txn.get(db, key: key(0)) == nil)
                #expect(try txn.get(db, key: key(1_500)) == key(1_500 &* 31))
                #expect(try txn.last(db)?.key == key(1_999))
            }
        }
    }
}
