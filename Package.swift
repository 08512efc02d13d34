// swift-tools-version:6.0
import CompilerPluginSupport
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "ScreenVax",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "screenvax", targets: ["screenvax"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // ES384 signatures of CDS Hooks client JWTs (already resolved through hummingbird-auth).
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Streaming multipart/form-data parser for roster uploads (linear in the body's size).
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // Already resolved through hummingbird; named for the server's thread pool and connection handlers.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        // CDS Hooks client JWTs (ES384, JWKS): parsing and signatures; our code keeps the claim rules and the jti store.
        .package(url: "https://github.com/vapor/jwt-kit", exact: "5.7.1"),
        // The xlsx archive (roster and lab files, errors files and downloads).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The provincial hub's PostgreSQL client.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // The order in which `hub serve` stops its services (the deriver before the pool).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        // The OpenAPI document read as YAML by the test that holds it to the registered routes.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The rooms' public memberwise initializers (@PublicInit), written by a macro.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
    ],
    targets: [
        .macro(
            name: "ScreenVaxMacroPlugin",
            dependencies: [
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ],
            swiftSettings: swiftSettings),
        .target(name: "ScreenVaxMacros", dependencies: ["ScreenVaxMacroPlugin"], swiftSettings: swiftSettings),
        // libxml2's push parser reads an xlsx sheet chunk by chunk as ZIPFoundation inflates it.
        .systemLibrary(name: "CScreenVaxXML", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(
            name: "ScreenVaxCore",
            dependencies: ["ScreenVaxMacros", "CScreenVaxXML", "CScreenVaxZlib", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings),
        .target(
            name: "Store",
            dependencies: [
                "ScreenVaxCore", "ScreenVaxMacros", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "HPV",
            dependencies: ["ScreenVaxCore", "ScreenVaxMacros", "Store", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        .target(
            name: "Screening",
            dependencies: ["ScreenVaxCore", "ScreenVaxMacros", "Store", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // The follow-up call queue: plans calls from the HPV and screening work lists, takes outcomes back.
        .target(
            name: "FollowUp",
            dependencies: ["ScreenVaxCore", "ScreenVaxMacros", "Store", "HPV", "Screening", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // libcurl and zlib: system libraries with typed shims for their variadic / macro APIs.
        .systemLibrary(name: "CScreenVaxCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CScreenVaxZlib", providers: [.apt(["zlib1g-dev"])]),
        // gzip for the sync client's request bodies and the receiver's, apart from HTTP.
        .target(name: "Compression", dependencies: ["CScreenVaxZlib"], swiftSettings: swiftSettings),
        .target(name: "Curl", dependencies: ["ScreenVaxMacros", "CScreenVaxCurl"], swiftSettings: swiftSettings),
        .target(
            name: "Sync",
            dependencies: [
                "ScreenVaxCore", "ScreenVaxMacros", "Store", "Curl", "Compression",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // The AI-assist interface: CDS Hooks types, rule services from HPV and Screening, the AI adapter.
        .target(
            name: "Assist",
            dependencies: [
                "ScreenVaxCore", "ScreenVaxMacros", "Store", "HPV", "Screening", "Curl",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // Users, roles, jurisdictions and sessions for the clinic web app and the JSON API.
        .target(
            name: "Accounts",
            dependencies: [
                "ScreenVaxCore", "ScreenVaxMacros", "Store", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "Server",
            dependencies: [
                "ScreenVaxCore", "ScreenVaxMacros", "Store", "Compression", "Accounts", "HPV", "Screening", "FollowUp", "Assist",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // The provincial hub on PostgreSQL: every county's sync, people across counties, province reports.
        .target(
            name: "Hub",
            dependencies: [
                "ScreenVaxCore", "ScreenVaxMacros", "HPV", "Screening", "Compression", "Accounts", "FollowUp",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "screenvax",
            dependencies: [
                "ScreenVaxCore", "Store", "HPV", "Screening", "FollowUp", "Curl", "Sync", "Server", "Accounts", "Assist", "Hub",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // Forecast benchmark (not a test): Scripts/bench-forecast.sh.
        .executableTarget(name: "ForecastBench", dependencies: ["HPV", "Store", "ScreenVaxCore"], swiftSettings: swiftSettings),
        // Spreadsheet benchmark (not a test): Scripts/bench-spreadsheet.sh.
        .executableTarget(name: "SpreadsheetBench", dependencies: ["ScreenVaxCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ScreenVaxCoreTests", dependencies: ["ScreenVaxTestSupport", "ScreenVaxCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(name: "StoreTests", dependencies: ["ScreenVaxTestSupport", "Store", "ScreenVaxCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HPVTests", dependencies: ["ScreenVaxTestSupport", "HPV", "Store", "ScreenVaxCore"],
            swiftSettings: swiftSettings),
        // Runs the built `screenvax` binary: the command-line contract (flags, JSON keys, exit codes).
        .testTarget(name: "CLITests", dependencies: ["ScreenVaxTestSupport", "ScreenVaxCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ScreeningTests", dependencies: ["ScreenVaxTestSupport", "Screening", "Store", "ScreenVaxCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "FollowUpTests",
            dependencies: [
                "ScreenVaxTestSupport", "FollowUp", "HPV", "Screening", "Store", "ScreenVaxCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AccountsTests", dependencies: ["ScreenVaxTestSupport", "Accounts", "Store", "ScreenVaxCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // The web app and JSON API over a real server on 127.0.0.1 (port 0), called with our Curl client.
        .testTarget(
            name: "WebTests",
            dependencies: ["ScreenVaxTestSupport", "Server", "Accounts", "HPV", "Screening", "Store", "Curl", "ScreenVaxCore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                           .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ScreenVaxMacroTests",
            dependencies: [
                "ScreenVaxMacroPlugin",
                .product(name: "SwiftSyntaxMacroExpansion", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "CurlTests", dependencies: ["ScreenVaxTestSupport", "Curl", "Compression"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AssistTests",
            dependencies: [
                "ScreenVaxTestSupport", "Assist", "HPV", "Screening", "Store", "ScreenVaxCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // The registry server live on 127.0.0.1 (port 0), called with our libcurl client.
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "ScreenVaxTestSupport", "Server", "Hub", "Assist", "Curl", "HPV", "Screening", "Store", "ScreenVaxCore", "Accounts",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // What every test target shares: the Schemas folder, resident IDs, temporary folders, polling.
        .target(name: "ScreenVaxTestSupport", dependencies: ["ScreenVaxCore"], path: "Tests/ScreenVaxTestSupport", swiftSettings: swiftSettings),
        // A throwaway PostgreSQL cluster for the run (the hub's and the sync daemon's tests).
        .target(
            name: "PostgresTestSupport",
            dependencies: ["Hub", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/PostgresTestSupport",
            swiftSettings: swiftSettings),
        // The hub against a throwaway PostgreSQL cluster (initdb per run), counties as real processes.
        .testTarget(
            name: "HubTests",
            dependencies: [
                "Hub", "HPV", "Screening", "Assist", "Store", "Sync", "Curl", "Compression", "ScreenVaxCore", "PostgresTestSupport", "ScreenVaxTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "Sync", "Hub", "PostgresTestSupport", "ScreenVaxTestSupport", "Store", "Curl", "ScreenVaxCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
    ]
)
