import Testing
import LedgerDomain
@testable import LedgerStore

/// Format 4: a budget's dated totals are keyed by window before pot and series, so that the
/// values one commit rewrites (each pot's and series' latest window) lie side by side in the
/// B-tree instead of a year of windows apart.
@Suite struct DatedTotalsLayoutTests {
    @Test func everyValueIsKeyedByItsBudgetThenTheWindowOfItsDatesThenPotAndSeries() throws {
        let test = try ReplayTests.postedWorkload()
        let databases = test.ledger.databases
        var values = 0
        var pots = Set<UInt8>()
        try test.ledger.read { txn in
            try txn.forEach(databases.datedTotals) { key, value in
                let budgetEnd = try #require(key.firstIndex(of: 0))
                let rest = Array(key[(budgetEnd + 1)...])
                try #require(rest.count == 6)
                let window = Int32(bitPattern: (UInt32(rest[0]) << 24 | UInt32(rest[1]) << 16 | UInt32(rest[2]) << 8 | UInt32(rest[3])) ^ 0x8000_0000)
                // The value's dates (20 bytes each, days first) all fall in the key's window.
                for offset in stride(from: 0, to: value.count, by: 20) {
                    let days = value.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let date = CalendarDate(daysSinceEpoch: Int32(bigEndian: days))
                    #expect(ProjectionEntries.window(of: date) == window, "\(String(decoding: key[..<budgetEnd], as: UTF8.self))")
                }
                #expect(rest[5] <= ProjectionEntries.paymentSeries)
                pots.insert(rest[4])
                values += 1
                return true
            }
        }
        // A year of 40 budgets: many windows, of more than one pot.
        #expect(values > 400)
        #expect(pots.count >= 2)
    }
}
