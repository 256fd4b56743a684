import ArgumentParser
import DisclosureKit
import DisclosurePoppler
import Foundation

/// `disclosure dump FILE --stop-after STAGE`: a readable tree of a stage's output.
struct Dump: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show a stage's output as a readable tree with page locations.")

  @Argument(help: "A .pdf file or a .txt text layer.")
  var file: String

  @Option(help: "The last stage to run: normalize, segment or rows.")
  var stopAfter: Pipeline.Stage = .rows

  @Option(help: "Pages to read, e.g. 3 or 1,4-6 (default: all).")
  var pages: PageSelection?

  @Option(help: "Pipeline template file.")
  var template: String = "pipelines/templates/budget.json"

  func run() throws {
    let raw: RawDocument
    let loaded: Template
    do {
      raw = try DocumentReader(settings: .init(pages: pages?.numbers)).read(file)
      loaded = try Template.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: template))))
    } catch {
      Console.error("disclosure: error: \(error)")
      throw ExitCode(1)
    }
    let pipeline = Pipeline(template: loaded)
    var diagnostics: [Diagnostic] = []
    let blocks = Normalizer(template: loaded).blocks(of: raw, diagnostics: &diagnostics)
    if stopAfter == .normalize {
      Console.write(TextDump.blocks(blocks))
    } else {
      let document = pipeline.process(raw)
      Console.write(CanonicalJSON.string(stopAfter == .segment ? document.json : document.json, pretty: true))
    }
    for diagnostic in diagnostics.sorted() { Console.error(diagnostic.formatted(file: file)) }
  }
}

extension Pipeline.Stage: ExpressibleByArgument {}
