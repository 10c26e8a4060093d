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
    @Test func theResidentFileBytesGrowWhenAMappedFileIsRead() throws {
        let path = TestLedger.temporaryPath("mapped")
        let size = 16 * Self.megabyte
        FileManager.default.createFile(atPath: path, contents: Data(repeating: 7, count: size))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let mapped = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0)
        let map = try #require(mapped == UnsafeMutableRawPointer(bitPattern: -1) ? nil : mapped)
        defer { munmap(map, size) }
        let before = try #require(ResidentFileBytes.read())
        var sum = 0
        for offset in stride(from: 0, to: size, by: 4096) { sum &+= Int(map.load(fromByteOffset: offset, as: UInt8.self)) }
        #expect(sum == 7 * (size / 4096))
        let after = try #require(ResidentFileBytes.read())
        #expect(after - before >= size / 2)
    }
    #endif
}
