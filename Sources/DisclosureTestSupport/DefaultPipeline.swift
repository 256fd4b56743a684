import DisclosureKit
import Foundation

extension Corpus {
  /// The repository's `pipelines/default.json` with its templates and checks.
  public static func defaultPipeline() throws -> Pipeline {
    let definition = try PipelineDefinition.load(path: root.appendingPathComponent("pipelines/default.json").path) {
      path throws(PipelineError) -> [UInt8] in
      do { return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) } catch {
        throw PipelineError.unreadable(path: path, reason: "\(error)")
      }
    }
    return definition.pipeline
  }

  /// The seed text layer through the default pipeline, checks included.
  public static func seedDocument() throws -> DisclosureDocument {
    let text = try String(contentsOfFile: path("seed-urumqi-hrss-2023.txt"), encoding: .utf8)
    var diagnostics: [Diagnostic] = []
    let pages = TextLayerReader().pages(in: text, diagnostics: &diagnostics).pages
    let raw = RawDocument(
      source: .init(file: "seed-urumqi-hrss-2023.txt", sha256: "", pages: pages.count, input: .text), pages: pages,
      diagnostics: diagnostics)
    return try defaultPipeline().process(raw)
  }
}
