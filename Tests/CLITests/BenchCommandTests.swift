import Foundation
import Testing

/// `bench` with small numbers: every key is there and numeric. Speeds are not asserted.
@Suite struct BenchCommandTests {
    static let keys = ["post_events_per_second", "jsonl_events_per_second", "replay_events_per_second",
                       "concurrent_events_per_second", "balance_read_p99_us", "bytes_per_event", "peak_rss_bytes"]

    @Test func benchJSONPrintsOneObjectWithEveryKeyNumericAndInOrder() throws {
        let cli = CLIRunner()
        defer { cli.remove() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let result = try cli.run(["bench", "--events", "3000", "--budgets", "30", "--batch", "500", "--posters", "4",
                                  "--dir", scratch, "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.lines.count == 1)
        #expect(result.standardError.isEmpty, "no progress without a terminal: \(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        for key in Self.keys {
            let value = try #require(object[key] as? NSNumber, "\(key) is missing or not a number")
            #expect(value.doubleValue >= 0, "\(key)")
        }
        #expect(object["durable"] as? Bool == true)
        // The seven named keys come first, in the order the issue lists them.
        let order = Self.keys.compactMap { result.standardOutput.range(of: "\"\($0)\":")?.lowerBound }
        #expect(order == order.sorted() && order.count == 7)
        #expect(result.standardOutput.hasPrefix("{\"post_events_per_second\":"))
        // The temporary ledgers are gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
    }

    @Test func benchRefusesTooFewEvents() throws {
        let cli = CLIRunner()
        #expect(try cli.run(["bench", "--events", "3"]).status == 2)
    }
}
