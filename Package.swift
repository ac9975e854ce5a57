// swift-tools-version: 6.1
import Foundation
import PackageDescription

let package = Package(
    name: "folio",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "folio", targets: ["folio"]),
        .library(name: "FolioCore", targets: ["FolioCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // Debian's cmark-gfm, the only Markdown parser; imported by exactly one Swift file.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Debian's ICU: CLDR plural rules and MessageFormat for the interface strings (no plural table of our own).
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        // ICU's plural rules and MessageFormat behind plain C types (its own types clash with Foundation's ICU).
        .target(name: "CFolioICU", dependencies: ["CICU"]),
        // The one system call Foundation lacks: an atomic exchange of two folders (renameat2).
        .target(name: "CFolioSystem"),
        // Keeps cmark-gfm's special-character table fixed, so that parses may run in parallel.
        .target(name: "CCmarkConcurrency"),
        // Markdown text → Swift value tree (parses in parallel, the C tree freed once copied).
        .target(name: "FolioMarkdown", dependencies: ["CCmarkGFM", "CCmarkConcurrency"]),
        // load → check → render → write. No CLI, no server.
        // Built-in defaults: the FolioDefaults plugin compiles Templates/ and Content/kpis.yml into it.
        .target(
            name: "FolioCore",
            dependencies: [
                "FolioMarkdown",
                "CFolioSystem",
                "CFolioICU",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            plugins: ["FolioDefaults"]
        ),
        // Before every build: Templates/ and Content/kpis.yml as Swift sources of FolioCore, and the commit.
        .plugin(name: "FolioDefaults", capability: .buildTool()),
        // The preview server: HTTP (Hummingbird), watching, live reload. Keeps the HTTP stack out of the core.
        .target(
            name: "FolioServe",
            dependencies: [
                "FolioCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command line: argument parsing only.
        .executableTarget(
            name: "folio",
            dependencies: [
                "FolioCore",
                "FolioServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc (Debian's libjemalloc-dev) in place of glibc's malloc: a build allocates and frees
            // from both cores at once, where glibc's arenas cost ~9% more CPU (measured with LD_PRELOAD).
            linkerSettings: [.linkedLibrary("jemalloc")]
        ),
        // The properties the fuzz targets check on any input (the tests replay the inputs fuzzing found).
        .target(name: "FolioFuzzing", dependencies: ["FolioCore", "FolioMarkdown"]),
        .testTarget(name: "FolioMarkdownTests", dependencies: ["FolioMarkdown"]),
        .testTarget(name: "FolioCoreTests", dependencies: ["FolioCore", "FolioFuzzing"]),
        .testTarget(name: "FolioCLITests", dependencies: ["FolioCore"]),
        .testTarget(name: "FolioServeTests", dependencies: ["FolioServe", "FolioCore"]),
    ],
    swiftLanguageModes: [.v6]
)

// `make fuzz` sets FOLIO_FUZZ=1 and builds this with `--sanitize=fuzzer`: libFuzzer supplies `main`.
if ProcessInfo.processInfo.environment["FOLIO_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "folio-fuzz", dependencies: ["FolioFuzzing"], path: "Fuzz",
                                             swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    package.products.append(.executable(name: "folio-fuzz", targets: ["folio-fuzz"]))
}
