import ArgumentParser
import DisclosureKit
import DisclosurePoppler
import Foundation

/// `disclosure dump FILE --stop-after STAGE`: a readable tree of a stage's output.
struct Dump: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show a stage's output as a readable tree with page locations.")

  @Argument(help: "A .pdf file, a .txt text layer or word boxes (TSV, hOCR, ALTO).")
  var file: String

  @Option(help: "The last stage to run: normalize, segment or rows.")
  var stopAfter: Pipeline.Stage = .rows

  @Option(help: "Pages to read, e.g. 3 or 1,4-6 (default: all).")
  var pages: PageSelection?

  @OptionGroup var options: PipelineOptions

  func run() throws {
    let pipeline = try options.load()
    let raw: RawDocument
    do {
      raw = try DocumentReader(settings: .init(pages: pages?.numbers, ocr: options.ocr, ocrJobs: options.jobCount)).read(file)
    } catch {
      Console.error("disclosure: error: \(error)")
      throw ExitCode(1)
    }
    let (document, blocks, diagnostics) = pipeline.run(raw, through: stopAfter)
    if let document {
      Console.write(CanonicalJSON.string(document.json, pretty: true))
    } else {
      Console.write(TextDump.blocks(blocks))
    }
    for diagnostic in diagnostics { Console.error(diagnostic.formatted(file: file)) }
  }
}

extension Pipeline.Stage: ExpressibleByArgument {}
