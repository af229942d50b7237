// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ukpanel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ukpanel", targets: ["ukpanel"]),
        .library(name: "SurveyFiles", targets: ["SurveyFiles"]),
        .library(name: "SurveySchema", targets: ["SurveySchema"]),
        .library(name: "SurveyPanel", targets: ["SurveyPanel"]),
        .library(name: "SurveySynth", targets: ["SurveySynth"]),
        .library(name: "SurveyEstimation", targets: ["SurveyEstimation"]),
        .library(name: "SurveyReports", targets: ["SurveyReports"]),
        .library(name: "SurveyPipelines", targets: ["SurveyPipelines"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Layer 0: zlib, the system library, with a shim for the macros Swift cannot import.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // ISA-L, the system library: its inflate reads gzip files, zip members and zsav blocks.
        .systemLibrary(
            name: "CIsal",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),
        // OpenSSL's libcrypto, the system library: the SHA-256 of inputs (provenance, batch manifests).
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // zstd, the system library: Parquet pages are compressed with it.
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // Read-only file mappings guarded against the file shrinking under them (SIGBUS).
        .target(name: "CMappedFile"),
        // A delimited line's fields found with wide scans (SSE2).
        .target(name: "CFieldScan"),
        // Layer 1: bytes to rows. Knows nothing of any survey.
        .target(
            name: "SurveyFiles", dependencies: ["CZlib", "CIsal", "CZstd", "CCrypto", "CMappedFile", "CFieldScan"]),
        // Layer 2: schemas/*.yaml, harmonised variables, typed records.
        .target(
            name: "SurveySchema",
            dependencies: ["SurveyFiles", .product(name: "Yams", package: "Yams")]
        ),
        // Layer 3: waves, discovery of files in a download, streams of person-waves, analysis frames.
        .target(name: "SurveyPanel", dependencies: ["SurveyFiles", "SurveySchema"]),
        // Layer 4: weights, strata, PSU; estimates with standard errors. Knows nothing of any survey.
        .target(name: "SurveyEstimation"),
        // Layer 5: tables, figures, reports and exports from frames and records; renderers. No file reading.
        .target(
            name: "SurveyReports", dependencies: ["SurveyFiles", "SurveyPanel", "SurveySchema", "SurveyEstimation"]),
        // Layer 6: the pipelines (reproduce, tables, cross-tabs, exports, batch) that the commands and batch run.
        .target(
            name: "SurveyPipelines",
            dependencies: [
                "SurveyFiles", "SurveySchema", "SurveyPanel", "SurveyEstimation", "SurveyReports",
                .product(name: "Yams", package: "Yams"),
            ]),
        // Synthetic data in the real layout, calibrated to published figures.
        .target(name: "SurveySynth", dependencies: ["SurveyFiles", "SurveySchema"]),
        // The command line: argument parsing, progress, exit codes; callable from tests.
        .target(
            name: "UKPanelCommands",
            dependencies: [
                "SurveyFiles", "SurveySchema", "SurveyPanel", "SurveySynth", "SurveyEstimation", "SurveyReports",
                "SurveyPipelines",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The thin executable.
        .executableTarget(name: "ukpanel", dependencies: ["UKPanelCommands"]),
        // The fuzz targets' harness (scripts/fuzz.sh); the tests replay the corpora and past crashes through it.
        .target(name: "FuzzHarness", dependencies: ["SurveyFiles"], path: "Fuzz/Harness"),
        .testTarget(name: "SurveyFilesTests", dependencies: ["SurveyFiles", "CFieldScan", "TestFixtures", "FuzzHarness"]),
        // Planted-value fixtures shared by the tests.
        .target(name: "TestFixtures", dependencies: ["SurveyFiles", "SurveySchema"], path: "Tests/TestFixtures"),
        .testTarget(name: "SurveyEstimationTests", dependencies: ["SurveyEstimation"]),
        .testTarget(
            name: "SurveyReportsTests",
            dependencies: [
                "SurveyReports", "SurveyPanel", "SurveySchema", "SurveyEstimation", "SurveySynth", "SurveyFiles",
            ]
        ),
        .testTarget(
            name: "SurveySynthTests", dependencies: ["SurveySynth", "SurveySchema", "SurveyFiles", "TestFixtures"]),
        .testTarget(name: "SurveySchemaTests", dependencies: ["SurveySchema", "SurveyFiles", "TestFixtures"]),
        .testTarget(
            name: "SurveyPanelTests", dependencies: ["SurveyPanel", "SurveySchema", "SurveyFiles", "TestFixtures"]),
        .testTarget(
            name: "UKPanelCommandsTests",
            dependencies: [
                "UKPanelCommands", "SurveyFiles", "SurveySchema", "SurveyPanel", "SurveySynth", "SurveyPipelines",
                "TestFixtures",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer driver: only when scripts/fuzz.sh builds it (with -sanitize=fuzzer,address), since
// it links against libFuzzer's LLVMFuzzerRunDriver.
if Context.environment["UKPANEL_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "FuzzUKPanel", dependencies: ["FuzzHarness"], path: "Fuzz/Driver",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
