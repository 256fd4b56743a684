import ArgumentParser
import DisclosureKit
import DisclosurePoppler
import Foundation

/// `disclosure extract FILE`: the extract stage's output, glyph boxes and ruling lines.
struct Extract: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show what extraction reads from a PDF or text layer: glyph boxes and ruling lines.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case json, text, summary
  }

  @Argument(help: "A .pdf file, a .txt text layer as pdftotext writes it, or word boxes (TSV, hOCR, ALTO).")
  var file: String

  @Option(help: "Output format: json, text (a readable dump) or summary (counts per page).")
  var format: Format = .text

  @Option(help: "Pages to read, e.g. 3 or 1,4-6 (default: all).")
  var pages: PageSelection?

  @Option(help: "Password of an encrypted PDF.")
  var password: String?

  @Flag(help: "Skip ruling lines (no page render).")
  var noRules = false

  @Flag(help: "Indent JSON for reading.")
  var pretty = false

  @Option(help: "Which pages OCR reads: auto (scanned pages), never, always.")
  var ocr: DocumentReader.OCRMode = .auto

  func run() throws {
    let reader = DocumentReader(
      settings: .init(password: password, pages: pages?.numbers, readsRules: !noRules, ocr: ocr))
    let document: RawDocument
    do {
      document = try reader.read(file)
    } catch {
      Console.error("disclosure: error: \(error)")
      throw ExitCode(1)
    }
    for diagnostic in document.diagnostics {
      Console.error(diagnostic.formatted(file: file))
    }
    switch format {
    case .json:
      Console.write(CanonicalJSON.string(document.json, pretty: pretty))
    case .text:
      Console.write(TextDump.extract(document))
    case .summary:
      Console.write(TextDump.extractSummary(document))
    }
  }
}

/// A set of 1-based page numbers written as `1,3-5`.
struct PageSelection: ExpressibleByArgument {
  var numbers: [Int]

  init?(argument: String) {
    var numbers: [Int] = []
    for part in argument.split(separator: ",") {
      let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
      if bounds.count == 1, let page = Int(bounds[0]), page > 0 {
        numbers.append(page)
      } else if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low > 0, low <= high,
        high - low < 100_000
      {
        numbers += Array(low...high)
      } else {
        return nil
      }
    }
    guard !numbers.isEmpty else { return nil }
    self.numbers = numbers
  }
}
