import ArgumentParser
import DisclosureKit
import DisclosurePoppler
import Foundation

/// `disclosure check FILE...`: the consistency report of each document.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Report which published numbers do not add up, and where.",
    discussion: """
      Runs the pipeline, including the consistency rules its file names (pipelines/checks/*.json), \
      and prints each document's findings: failures first, then rounding gaps, then what could not \
      be checked, grouped by table with page numbers and every figure's location. The same \
      findings are in the disclosure/1 JSON under "checks". With --format json, one line of \
      canonical JSON per document instead: {"file", "summary" (counts by status), "findings" \
      (in page order)}. Exits 1 when any rule fails (with --strict, also on rounding) or a \
      document cannot be read.
      """)

  /// How the report is printed.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "PDF, .txt or word-box (.tsv, .hocr, ALTO .xml) files, or folders (searched recursively for *.pdf, *.txt, *.tsv, *.hocr, *.alto.xml).")
  var inputs: [String]

  @Flag(help: "Also exit 1 on rounding gaps.")
  var strict = false

  @Flag(help: "Also list the findings that pass (text format; json lists every finding).")
  var verbose = false

  @Option(help: "text (the readable report, the default) or json (one line per document, for scripts).")
  var format: Format = .text

  @OptionGroup var options: PipelineOptions

  func run() throws {
    let files = InputFiles.expand(inputs)
    guard !files.isEmpty else { throw ValidationError("no .pdf, .txt or word-box (.tsv, .hocr, .alto) files in \(inputs.joined(separator: ", "))") }
    let pipeline = try options.load()
    let verbose = verbose
    let format = format
    var failed = false
    var unreadable: [String] = []
    Workers.run(
      count: files.count, jobs: options.jobCount, start: Workers.largestFirst(files),
      job: { index -> (report: String?, failure: String?, counts: [CheckFinding.Status: Int]) in
        let file = files[index]
        do {
          let document = pipeline.process(try DocumentReader(settings: .init(ocr: options.ocr)).read(file))
          let report =
            switch format {
            case .text: CheckReport.text(file: file, document: document, verbose: verbose)
            case .json: CheckReport.json(file: file, document: document)
            }
          return (report, nil, CheckReport.counts(document.checks))
        } catch {
          return (nil, "\(file): \(error)", [:])
        }
      },
      deliver: { index, outcome in
        if index > 0, format == .text { Console.write("\n") }
        if let report = outcome.report { Console.write(report) }
        if let failure = outcome.failure {
          Console.error("disclosure: error: \(failure)")
          unreadable.append(failure)
        }
        if (outcome.counts[.fail] ?? 0) > 0 || (strict && (outcome.counts[.rounding] ?? 0) > 0) { failed = true }
      })
    if failed || !unreadable.isEmpty { throw ExitCode(1) }
  }
}
