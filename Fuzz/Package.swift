// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets, in a package of their own so that CI (and `swift build` of the main
// package) never builds them. See the README's "Reliability" section:
//   cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   .build/release/fuzz-event-line -max_total_time=300 corpus
let package = Package(
    name: "budget-ledger-fuzz",
    dependencies: [.package(name: "budget-ledger", path: "..")],
    targets: [
        .executableTarget(
            name: "fuzz-event-line",
            dependencies: [.product(name: "LedgerDomain", package: "budget-ledger")]
        ),
    ]
)
