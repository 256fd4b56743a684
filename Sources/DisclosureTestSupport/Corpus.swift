import Foundation

/// Locates the repository's data folders from this file's path, so tests never depend on the
/// working directory or on anything outside the repository.
public enum Corpus {
  /// The repository root.
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `corpus/`.
  public static var folder: URL { root.appendingPathComponent("corpus") }

  /// A file under `corpus/`, e.g. `public/gen-0101.pdf`.
  public static func path(_ relative: String) -> String {
    folder.appendingPathComponent(relative).path
  }

  /// The public PDFs, sorted by name.
  public static var publicPDFs: [String] {
    let dir = folder.appendingPathComponent("public")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".pdf") }.sorted().map { dir.appendingPathComponent($0).path }
  }

  /// The real PDFs (`corpus/real/`), sorted by name.
  public static var realPDFs: [String] {
    let dir = folder.appendingPathComponent("real")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".pdf") }.sorted().map { dir.appendingPathComponent($0).path }
  }

  /// The built `disclosure` binary next to the test bundle.
  public static var binary: URL {
    let products = Bundle.main.bundleURL
    for candidate in [products.appendingPathComponent("disclosure"), products.deletingLastPathComponent().appendingPathComponent("disclosure")] {
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return root.appendingPathComponent(".build/debug/disclosure")
  }
}
