// swift-tools-version:6.1
import PackageDescription

// A package of its own, so that the main build and CI never compile the benchmark tooling.
// It depends on the ledger by path and on ordo-one's `benchmark` (whose MallocInterposer
// trait must be named here: the package's default traits include an interposer this
// machine's package mirror does not hold).
let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "budget-ledger", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Raw LMDB and SQLite in C: the baselines the ledger is measured against in the same run.
        .target(
            name: "CBaselines",
            path: "Sources/CBaselines",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("lmdb"), .linkedLibrary("sqlite3")]
        ),
        .executableTarget(
            name: "LedgerBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LedgerStore", package: "budget-ledger"),
                .product(name: "LedgerWorkload", package: "budget-ledger"),
                "CBaselines",
            ],
            path: "Benchmarks/LedgerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
