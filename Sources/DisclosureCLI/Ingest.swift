import ArgumentParser
import DisclosureKit
import Foundation

/// `disclosure ingest INPUT...`: documents to `disclosure/1` JSON files.
struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Turn PDF or .txt documents into canonical disclosure/1 JSON.",
    discussion: """
      Writes OUT/<stem>.json per document (atomically: a temporary file in OUT, then a rename), or \
      the JSON to stdout for a single document without --out. Diagnostics go to stderr, each \
      document's together, in input order. A document that cannot be read does not stop the \
      others; the failures are listed at the end and the exit status is 1.
      """)

  @Argument(help: "PDF or .txt files, or folders (searched recursively for *.pdf and *.txt).")
  var inputs: [String]

  @Option(name: .customLong("out"), help: "Folder for <stem>.json files (created when missing).")
  var out: String?

  @OptionGroup var options: PipelineOptions

  @Flag(help: "Indent the JSON for reading (same key order).")
  var pretty = false

  func run() throws {
    let files = InputFiles.expand(inputs)
    guard !files.isEmpty else { throw ValidationError("no .pdf or .txt files in \(inputs.joined(separator: ", "))") }
    guard out != nil || files.count == 1 else {
      throw ValidationError("\(files.count) documents need --out DIR (only a single document goes to stdout)")
    }
    let pipeline = try options.load()
    let folder: OutputFolder?
    if let out {
      do {
        folder = try OutputFolder(creating: out)
      } catch {
        Console.error("disclosure: error: \(error)")
        throw ExitCode(1)
      }
      OutputFolder.removePartialsOnSignals()
    } else {
      folder = nil
    }

    // Two inputs with one stem would write one file: the later one is an error, not an overwrite.
    var owners: [String: String] = [:]
    let collisions: [String?] = files.map { file in
      let name = CorpusLayout.stem(of: file) + ".json"
      if let owner = owners[name] {
        let target = folder.map { $0.file(name) } ?? name
        return "\(file): output \(target) is already written for \(owner)"
      }
      owners[name] = file
      return nil
    }

    let pretty = pretty
    var failures: [String] = []
    Workers.run(
      count: files.count, jobs: options.jobCount, start: Workers.largestFirst(files),
      job: { index -> (messages: [String], failure: String?, bytes: [UInt8]?) in
        if let collision = collisions[index] { return ([], collision, nil) }
        let file = files[index]
        let run = DocumentRun(path: file, pipeline: pipeline)
        switch run.result {
        case .failure(let error):
          return (run.messages, error.description, nil)
        case .success(let document):
          let bytes = document.canonicalData(pretty: pretty)
          guard let folder else { return (run.messages, nil, bytes) }
          do {
            try folder.write(bytes, to: CorpusLayout.stem(of: file) + ".json")
          } catch {
            return (run.messages, "\(error)", nil)
          }
          return (run.messages, nil, nil)
        }
      },
      deliver: { _, outcome in
        for message in outcome.messages { Console.error(message) }
        if let bytes = outcome.bytes { Console.write(bytes) }
        if let failure = outcome.failure { failures.append(failure) }
      })

    guard failures.isEmpty else {
      let noun = files.count == 1 ? "document" : "documents"
      Console.error("\(failures.count) of \(files.count) \(noun) failed:")
      for failure in failures { Console.error("  \(failure)") }
      throw ExitCode(1)
    }
  }
}
