import Foundation
import LMDB
import Testing
@testable import LedgerStore

/// The resident-set bound of long posts and folds: when the map is handed back.
@Suite struct MappedPageBudgetTests {
    /// File-backed resident bytes as a test sets them.
    private final class Resident: @unchecked Sendable {
        private let lock = ConditionLock()
        private var bytes: Int?
        init(_ bytes: Int?) { self.bytes = bytes }
        var value: Int? {
            get { lock.withLock { bytes } }
            set { lock.withLock { bytes = newValue } }
        }
    }

    private static let megabyte = 1 << 20
    private let allowed = MappedPageBudget.mappedBytesAllowed

    /// Steps until `spend` says hand back, growing the resident bytes by `growth` before each.
    private func stepsUntilDue(_ budget: MappedPageBudget, _ resident: Resident, growth: Int, limit: Int) -> Int? {
        for step in 1...limit {
            resident.value! += growth
            if budget.spend(1) { return step }
        }
        return nil
    }

    @Test func aBurstAfterAQuietSpellIsCaughtWithinTheLongestRunBetweenChecks() {
        let resident = Resident(100 * Self.megabyte)
        let budget = MappedPageBudget(residentFileBytes: { resident.value })
        #expect(stepsUntilDue(budget, resident, growth: 0, limit: 5_000) == nil)
        // One step maps past the allowance (a leaf in a 2 MB folio, many times over).
        resident.value! += allowed + Self.megabyte
        #expect(stepsUntilDue(budget, resident, growth: 0, limit: MappedPageBudget.mostStepsBetweenChecks) != nil)
    }

    @Test func pagesGrowingFastAreCheckedOftenerSoTheOvershootIsAboutOneStep() throws {
        let resident = Resident(100 * Self.megabyte)
        let budget = MappedPageBudget(residentFileBytes: { resident.value })
        _ = budget.spend(1)  // the first reading is the baseline
        let growth = 2 * Self.megabyte
        let steps = try #require(stepsUntilDue(budget, resident, growth: growth, limit: 1_000))
        let grown = steps * growth
        // A check every 256 steps (the rule before) would let this grow by 512 MB.
        #expect(grown >= allowed)
        #expect(grown <= allowed + 2 * growth)
    }

    @Test func afterAHandBackTheAllowanceCountsFromTheNewResidentSize() throws {
        let resident = Resident(100 * Self.megabyte)
        let budget = MappedPageBudget(residentFileBytes: { resident.value })
        _ = budget.spend(1)
        _ = try #require(stepsUntilDue(budget, resident, growth: Self.megabyte, limit: 1_000))
        resident.value = 60 * Self.megabyte  // the hand-back freed more than had grown
        budget.released()
        let steps = try #require(stepsUntilDue(budget, resident, growth: Self.megabyte, limit: 1_000))
        #expect(steps * Self.megabyte >= allowed)
        #expect(steps * Self.megabyte <= allowed + 2 * Self.megabyte)
    }

    @Test func whereTheResidentSizeCannotBeReadTheMapIsHandedBackEveryFixedNumberOfSteps() {
        let budget = MappedPageBudget(residentFileBytes: { nil })
        var dueAt: [Int] = []
        for step in 1...(2 * MappedPageBudget.stepsBetweenReleases) where budget.spend(1) {
            dueAt.append(step)
            budget.released()
        }
        #expect(dueAt == [MappedPageBudget.stepsBetweenReleases, 2 * MappedPageBudget.stepsBetweenReleases])
    }

    #if os(Linux)
    /// The reading is process-wide and other tests' ledgers hand their pages back meanwhile, so
    /// the file's share is taken as what handing its pages back gives (one system call, not the
    /// read loop; the mapping stays, so a reading of the mapped size would see nothing), and a
    /// disturbed attempt is made again.
    @Test func theResidentFileBytesGrowWhenAMappedFileIsRead() throws {
        let path = TestLedger.temporaryPath("mapped")
        let size = 16 * Self.megabyte
        try #require(FileManager.default.createFile(atPath: path, contents: Data(repeating: 7, count: size)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let mapped = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0)
        let map = try #require(mapped == UnsafeMutableRawPointer(bitPattern: -1) ? nil : mapped)
        defer { munmap(map, size) }
        var shares: [Int] = []
        for _ in 1...3 {
            var sum = 0
            for offset in stride(from: 0, to: size, by: 4096) { sum &+= Int(map.load(fromByteOffset: offset, as: UInt8.self)) }
            #expect(sum == 7 * (size / 4096))
            let touched = try #require(ResidentFileBytes.read())
            madvise(map, size, Int32(MADV_DONTNEED))
            let handedBack = try #require(ResidentFileBytes.read())
            shares.append(touched - handedBack)
            if shares.last! >= size / 2 { break }
        }
        #expect(shares.contains { $0 >= size / 2 }, "the file's share of the resident bytes in each attempt: \(shares)")
    }
    #endif
}
