// swift-tools-version:6.1
import PackageDescription

// Layers, bottom up: CLMDB (the C library) ← LMDB (the only module that touches its API)
// ← LedgerStore; LedgerDomain is pure (no I/O) and sits beside them; LedgerApplication holds
// the use cases (one call, one snapshot each) that every front end calls; LedgerRendering
// turns their values into the bytes of every SPEC output; LedgerCLI and the `budget-ledger`
// executable are a thin front end over both.
// No unsafe flags: SwiftPM refuses a package that uses them to anyone depending on it by
// version, and -O in debug would compile out every assert.

let package = Package(
    name: "budget-ledger",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "budget-ledger", targets: ["budget-ledger"]),
        .library(name: "LedgerDomain", targets: ["LedgerDomain"]),
        .library(name: "LedgerStore", targets: ["LedgerStore"]),
        // The use cases over the store: what an embedding program or the HTTP service calls.
        .library(name: "LedgerApplication", targets: ["LedgerApplication"]),
        // Every SPEC output (JSON, CSV, HTML, text tables) as bytes, for every front end.
        .library(name: "LedgerRendering", targets: ["LedgerRendering"]),
        // The generated postings and measurements behind `budget-ledger bench`, shared with
        // the separate Benchmarks/ package so both run the same workloads.
        .library(name: "LedgerWorkload", targets: ["LedgerWorkload"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // `swift package generate-documentation` (DocC); plugins are not linked into the products.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLMDB",
            path: "Sources/CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"]), .brew(["lmdb"])]
        ),
        .target(name: "LMDB", dependencies: ["CLMDB"]),
        .target(name: "LedgerDomain"),
        .target(
            name: "LedgerStore",
            dependencies: [
                "LMDB", "LedgerDomain",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "LedgerApplication",
            dependencies: ["LedgerStore", "LedgerDomain", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "LedgerRendering", dependencies: ["LedgerStore", "LedgerDomain"]),
        .target(name: "LedgerWorkload", dependencies: ["LedgerStore", "LedgerDomain", "LedgerRendering"]),
        .target(
            name: "LedgerCLI",
            dependencies: [
                "LedgerApplication", "LedgerStore", "LedgerDomain", "LedgerRendering", "LedgerWorkload",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "budget-ledger", dependencies: ["LedgerCLI"]),
        // The test build: honours $BUDGET_LEDGER_NOW (SPEC 4.4: only a build that says so may
        // set the recorded time); the command-line tests run it. Not a product.
        .executableTarget(name: "budget-ledger-testing", dependencies: ["LedgerCLI"]),
        // Seeded randomness and readers of HTML and CSV shapes, shared by several test targets.
        .target(name: "TestSupport", dependencies: ["LedgerWorkload"], path: "Tests/TestSupport"),
        .testTarget(name: "LMDBTests", dependencies: ["LMDB"]),
        .testTarget(name: "LedgerDomainTests", dependencies: ["LedgerDomain", "LedgerRendering", "LedgerWorkload"]),
        .testTarget(name: "LedgerStoreTests", dependencies: ["LMDB", "LedgerStore", "LedgerApplication", "LedgerDomain", "LedgerRendering", "TestSupport", "LedgerWorkload"]),
        .testTarget(name: "LedgerRenderingTests", dependencies: ["LedgerRendering", "LedgerStore", "LedgerDomain", "TestSupport"]),
        .testTarget(
            name: "CLITests",
            dependencies: ["LedgerApplication", "LedgerStore", "LedgerDomain", "LedgerRendering", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
    ]
)
