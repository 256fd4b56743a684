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

extension Corpus {
  /// The default budget rule file's `prose` object as JSON text (`pipelines/checks/budget.json`),
  /// for rule files written in tests.
  public static var proseJSON: String {
    let bytes = (try? Data(contentsOf: root.appendingPathComponent("pipelines/checks/budget.json"))) ?? Data()
    guard let prose = (try? JSONParser.parse([UInt8](bytes)))?["prose"] else { return "null" }
    return CanonicalJSON.string(prose).trimmingCharacters(in: .newlines)
  }

  /// A rule file's JSON text with the default `prose` object added when it has none.
  public static func withProse(_ rules: String) -> String {
    guard !rules.contains(#""prose""#), let brace = rules.firstIndex(of: "{") else { return rules }
    return String(rules[...brace]) + #""prose": "# + proseJSON + ", " + String(rules[rules.index(after: brace)...])
  }
}
