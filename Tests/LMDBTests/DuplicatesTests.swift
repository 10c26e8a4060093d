import LMDB
import Testing

/// Databases of sorted fixed-size duplicates (the ledger's budget index): values come back in
/// byte order per key, one can be removed alone, and other keys are untouched.
@Suite struct DuplicatesTests {
    @Test func valuesUnderAKeyComeBackSortedAndOneCanBeRemovedAlone() throws {
        try withEnvironment(smallMap()) { env, _ throws in
            let db = try env.openFixedSizeDuplicatesDatabase("index", create: true)
            try env.write { txn throws in
                for n: UInt64 in [30, 10, 20, 10] { try txn.put(db, key: Array("budget-a".utf8), value: key(n)) }
                for n: UInt64 in [5, 7] { try txn.put(db, key: Array("budget-b".utf8), value: key(n)) }
            }
            func values(_ name: String, upTo limit: Int = .max) throws -> [[UInt8]] {
                try env.read { txn throws in
                    var seen: [[UInt8]] = []
                    try txn.forEachValue(db, key: Array(name.utf8)) { value in
                        seen.append(Array(value))
                        return seen.count < limit
                    }
                    return seen
                }
            }
            // A value put twice under one key is kept once.
            #expect(try values("budget-a") == [key(10), key(20), key(30)])
            #expect(try values("budget-a", upTo: 2) == [key(10), key(20)])
            #expect(try values("budget-b") == [key(5), key(7)])
            #expect(try values("budget-c").isEmpty)
            try env.write { txn throws in
                #expect(try txn.delete(db, key: Array("budget-a".utf8), value: key(20)))
                #expect(try !txn.delete(db, key: Array("budget-a".utf8), value: key(20)))
                #expect(try txn.count(db) == 4)
            }
            #expect(try values("budget-a") == [key(10), key(30)])
            #expect(try values("budget-b") == [key(5), key(7)])
        }
    }
}
