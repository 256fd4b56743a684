import DisclosureKit
import Foundation

extension Corpus {
  /// The seed text layer through the default pipeline, checks included.
  public static func seedDocument() throws -> DisclosureDocument {
    let text = try String(contentsOfFile: path("seed-urumqi-hrss-2023.txt"), encoding: .utf8)
    var diagnostics: [Diagnostic] = []
    let pages = TextLayerReader().pages(in: text, diagnostics: &diagnostics).pages
    let raw = RawDocument(
      source: .init(file: "seed-urumqi-hrss-2023.txt", sha256: "", pages: pages.count, input: .text), pages: pages,
      diagnostics: diagnostics)
    return try Golden.defaultPipeline().process(raw)
  }

  /// The words of table bodies of the default budget template (`pipelines/templates/budget.json`).
  public static var budgetWords: TableWords {
    let bytes = (try? Data(contentsOf: root.appendingPathComponent("pipelines/templates/budget.json"))) ?? Data()
    return ((try? Template.decode([UInt8](bytes))) ?? .empty).words
  }
}
