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
        // The HTTP service (SPEC 8): server, bearer auth, graceful stop, access log, metrics.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // multipart/form-data statement uploads (SPEC 8.2): a parser that has met real browsers.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
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
        .target(name: "LedgerRendering", dependencies: ["LedgerApplication", "LedgerStore", "LedgerDomain"]),
        .target(name: "LedgerWorkload", dependencies: ["LedgerStore", "LedgerDomain", "LedgerRendering"]),
        // `budget-ledger serve`: the ledger over HTTP (SPEC 8), a front end beside the CLI.
        .target(
            name: "LedgerHTTP",
            dependencies: [
                "LedgerApplication", "LedgerStore", "LedgerDomain", "LedgerRendering",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                // HTTP/2 beside HTTP/1.1 when TLS is on (ALPN h2 and http/1.1).
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        .target(
            name: "LedgerCLI",
            dependencies: [
                "LedgerApplication", "LedgerStore", "LedgerDomain", "LedgerRendering", "LedgerWorkload", "LedgerHTTP",
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
        .testTarget(name: "LedgerRenderingTests", dependencies: ["LedgerRendering", "LedgerApplication", "LedgerStore", "LedgerDomain", "TestSupport"]),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "LedgerApplication", "LedgerStore", "LedgerDomain", "LedgerRendering", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
                // The web sessions' idle expiry, tested with a clock the test moves.
                "LedgerHTTP", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                // A real HTTP/1.1 client for the tests of `serve`, which run the server as its own process.
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
