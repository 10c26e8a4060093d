import Dispatch
import LMDB
import Testing

@Suite struct ConcurrencyTests {
    /// Readers keep running while a writer repeatedly grows the map; every snapshot they see
    /// holds whole batches only.
    @Test func readersRunWhileTheMapGrows() throws {
        let batch: UInt64 = 200
        let batches: UInt64 = 20
        try withEnvironment(smallMap()) { env, _ throws in
            let db = try env.openDatabase("events", create: true)
            let value = [UInt8](repeating: 7, count: 500)
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: 3) { worker in
                do {
                    if worker == 0 {
                        for b in 0..<batches {
                            try env.write { txn throws in
                                for n in b * batch..<(b + 1) * batch { try txn.put(db, key: key(n), value: value, flags: .append) }
                            }
                        }
                    } else {
                        for _ in 0..<300 {
                            let count = try env.read { try $0.count(db) }
                            if count % Int(batch) != 0 { failures.add("torn snapshot: \(count)") }
                        }
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
            #expect(failures.messages.isEmpty)
            #expect(try env.statistics(db).entries == Int(batch * batches))
            #expect(env.mapSize >= 2 << 20)
        }
    }
}

private final class Failures: @unchecked Sendable {
    private let queue = DispatchQueue(label: "failures")
    private var stored: [String] = []
    func add(_ message: String) { queue.sync { stored.append(message) } }
    var messages: [String] { queue.sync { stored } }
}
