// swift-tools-version:6.0
import Foundation
import PackageDescription

/// The pipeline and the PDF reading (PDFStructure, DisclosurePoppler) are compiled optimised in
/// debug builds too: `swift test` runs every corpus document through them, which takes minutes
/// unoptimised. `-Osize` rather than `-O`: on this 2-core machine it compiles DisclosureKit in
/// 210 s of CPU instead of 262 s, and the test run takes the same 70 s. Release builds keep `-O`.
/// `-enable-testing` stays on, so `@testable import` works.
/// `DISCLOSURE_ONONE=1 swift build` compiles them unoptimised, for a debugger.
let optimised: [SwiftSetting] =
  ProcessInfo.processInfo.environment["DISCLOSURE_ONONE"] == nil ? [.unsafeFlags(["-Osize"], .when(configuration: .debug))] : []

let package = Package(
  name: "Disclosure",
  products: [
    .executable(name: "disclosure", targets: ["DisclosureCLI"]),
    .library(name: "DisclosureKit", targets: ["DisclosureKit"]),
    .library(name: "DisclosurePoppler", targets: ["DisclosurePoppler"]),
    .library(name: "PDFStructure", targets: ["PDFStructure"]),
    .library(name: "DisclosureExport", targets: ["DisclosureExport"]),
    .library(name: "DisclosureSQLite", targets: ["DisclosureSQLite"]),
    .library(name: "DisclosureBatch", targets: ["DisclosureBatch"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(
      name: "CPoppler",
      pkgConfig: "poppler-glib",
      providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev", "poppler-data"])]
    ),
    .systemLibrary(
      name: "CCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]
    ),
    .systemLibrary(
      name: "CLCMS",
      pkgConfig: "lcms2",
      providers: [.apt(["liblcms2-dev"])]
    ),
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    // Headers only: libtesseract is opened at run time (see its shim), so no pkg-config link flags.
    .systemLibrary(
      name: "CTesseract",
      providers: [.apt(["libtesseract-dev", "tesseract-ocr-chi-sim"])]
    ),
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    .target(name: "DisclosureKit", swiftSettings: optimised),
    .target(name: "PDFStructure", dependencies: ["CZlib"], swiftSettings: optimised),
    .target(name: "DisclosureBatch", dependencies: ["DisclosureKit"]),
    .executableTarget(name: "DisclosureEmbed"),
    .plugin(name: "EmbedPipelines", capability: .buildTool(), dependencies: ["DisclosureEmbed"]),
    .target(name: "DisclosureExport", dependencies: ["DisclosureKit"]),
    .target(name: "DisclosureSQLite", dependencies: ["CSQLite"]),
    .target(name: "DisclosureTesseract", dependencies: ["CTesseract", "DisclosureKit"]),
    .target(
      name: "DisclosurePoppler", dependencies: ["CPoppler", "CCrypto", "CLCMS", "PDFStructure", "DisclosureKit", "DisclosureTesseract"],
      swiftSettings: optimised),
    .executableTarget(
      name: "DisclosureCLI",
      dependencies: [
        "DisclosureKit", "DisclosurePoppler", "DisclosureExport", "DisclosureSQLite", "DisclosureBatch",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      plugins: ["EmbedPipelines"]
    ),
    .target(name: "DisclosureTestSupport", dependencies: ["DisclosureKit", "DisclosurePoppler"]),
    .testTarget(name: "DisclosureKitTests", dependencies: ["DisclosureKit", "DisclosureTestSupport"]),
    .testTarget(name: "PDFStructureTests", dependencies: ["PDFStructure", "DisclosureTestSupport"]),
    .testTarget(
      name: "DisclosurePopplerTests",
      dependencies: ["DisclosurePoppler", "PDFStructure", "DisclosureKit", "DisclosureTestSupport"]
    ),
    .testTarget(name: "DisclosureCLITests", dependencies: ["DisclosureKit", "DisclosureTestSupport"]),
    .testTarget(name: "DisclosureBatchTests", dependencies: ["DisclosureBatch", "DisclosureKit"]),
    .testTarget(
      name: "DisclosureExportTests",
      dependencies: ["DisclosureExport", "DisclosureSQLite", "DisclosureKit", "DisclosureTestSupport"]
    ),
    .testTarget(
      name: "DisclosureGoldenTests",
      dependencies: ["DisclosurePoppler", "DisclosureKit", "DisclosureTestSupport"]
    ),
  ]
)
