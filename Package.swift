// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Disclosure",
  products: [
    .executable(name: "disclosure", targets: ["DisclosureCLI"]),
    .library(name: "DisclosureKit", targets: ["DisclosureKit"]),
    .library(name: "DisclosurePoppler", targets: ["DisclosurePoppler"]),
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
    .target(name: "DisclosureKit"),
    .target(name: "DisclosurePoppler", dependencies: ["CPoppler", "DisclosureKit"]),
    .executableTarget(
      name: "DisclosureCLI",
      dependencies: [
        "DisclosureKit", "DisclosurePoppler",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "DisclosureTestSupport", dependencies: ["DisclosureKit"]),
    .testTarget(name: "DisclosureKitTests", dependencies: ["DisclosureKit", "DisclosureTestSupport"]),
    .testTarget(
      name: "DisclosurePopplerTests",
      dependencies: ["DisclosurePoppler", "DisclosureKit", "DisclosureTestSupport"]
    ),
    .testTarget(name: "DisclosureCLITests", dependencies: ["DisclosureKit", "DisclosureTestSupport"]),
    .testTarget(
      name: "DisclosureGoldenTests",
      dependencies: ["DisclosurePoppler", "DisclosureKit", "DisclosureTestSupport"]
    ),
  ]
)
