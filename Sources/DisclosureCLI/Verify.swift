import ArgumentParser
import DisclosureKit
import Foundation

/// `disclosure verify CORPUS --golden DIR`: re-runs the pipeline on the corpus and compares each
/// document with its golden, semantically (see ``GoldenDiff``).
struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Re-run the pipeline on a corpus and report how it differs from the golden JSON.",
    discussion: """
      Corpus documents are the *.pdf and *.txt files under CORPUS/public and CORPUS/real and the *.txt files \
      directly in CORPUS (CORPUS/bad holds broken inputs for the error tests and CORPUS/templates \
      blank templates; neither has goldens). Prints one line per difference, e.g. \
      "gen-0101: 表3 row 2080101 合计: 787.71 → 787.17", and exits 1 on any. --update rewrites the \
      goldens instead (and removes goldens whose document is gone); it refuses to run when the \
      environment variable CI is set.
      """)

  @Argument(help: "The corpus folder.")
  var corpus: String

  @Option(help: "Folder of golden <stem>.json files.")
  var golden: String = "output"

  @Flag(help: "Rewrite the goldens from this run instead of comparing.")
  var update = false

  @OptionGroup var options: PipelineOptions

  func run() throws {
    if update, let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty {
      Console.error(
        "disclosure: error: verify --update refuses to run when CI is set: goldens are recorded on purpose, never in CI"
      )
      throw ExitCode(1)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: corpus, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw ValidationError("\(corpus) is not a folder")
    }
    let base = corpus.hasSuffix("/") ? corpus : corpus + "/"
    let documents = CorpusLayout.documents(among: InputFiles.relativeFiles(in: corpus)).map { base + $0 }
    guard !documents.isEmpty else { throw ValidationError("no corpus documents in \(corpus)") }
    let pipeline = try options.load()
    let folder: OutputFolder
    if update {
      do {
        folder = try OutputFolder(creating: golden)
      } catch {
        Console.error("disclosure: error: \(error)")
        throw ExitCode(1)
      }
      OutputFolder.removePartialsOnSignals()
    } else {
      folder = OutputFolder(existing: golden)
    }

    var lines: [String] = []
    var failed = Set<String>()
    var written = 0
    var stems: [String: String] = [:]
    let update = update
    Workers.run(
      count: documents.count, jobs: options.jobCount, start: Workers.largestFirst(documents),
      job: { DocumentRun(path: documents[$0], pipeline: pipeline, ocr: options.ocr) },
      deliver: { index, run in
        let path = documents[index]
        let stem = CorpusLayout.stem(of: path)
        func report(_ line: String) {
          lines.append("\(stem): \(line)")
          failed.insert(stem)
        }
        if let owner = stems[stem] {
          report("\(path) has the same golden name as \(owner)")
          return
        }
        stems[stem] = path
        let document: DisclosureDocument
        switch run.result {
        case .failure(let error):
          report("cannot be processed: \(error)")
          return
        case .success(let processed):
          document = processed
        }
        let bytes = document.canonicalData()
        let goldenPath = folder.file(stem + ".json")
        let existing = try? [UInt8](Data(contentsOf: URL(fileURLWithPath: goldenPath)))
        if update {
          guard existing != bytes else { return }
          do {
            try folder.write(bytes, to: stem + ".json")
            written += 1
            Console.write("\(existing == nil ? "wrote" : "updated") \(goldenPath)\n")
          } catch {
            report("\(error)")
          }
          return
        }
        guard let existing else {
          report(
            FileManager.default.fileExists(atPath: goldenPath)
              ? "golden \(goldenPath) cannot be read" : "golden missing")
          return
        }
        // Identical bytes match; only a difference needs the trees and the semantic diff.
        guard existing != bytes else { return }
        let expected: JSONValue
        do {
          expected = try JSONParser.parse(existing)
        } catch {
          report("golden \(goldenPath) is not valid json: \(error)")
          return
        }
        let differences = GoldenDiff.lines(golden: expected, actual: document.json)
        for line in differences { report(line) }
        if differences.isEmpty { report("golden \(goldenPath) is not in canonical form") }
      })

    // Goldens whose document is gone.
    var removed = 0
    for name in folder.fileNames() where name.hasSuffix(".json") && !name.hasPrefix(".") {
      let stem = String(name.dropLast(".json".count))
      guard stems[stem] == nil else { continue }
      if update {
        do {
          try FileManager.default.removeItem(atPath: folder.file(name))
          removed += 1
          Console.write("removed \(folder.file(name))\n")
        } catch {
          lines.append("\(stem): golden \(folder.file(name)) cannot be removed: \(OutputFolder.reason(error))")
          failed.insert(stem)
        }
      } else {
        lines.append("\(stem): golden has no corpus document")
        failed.insert(stem)
      }
    }

    for line in lines { Console.write(line + "\n") }
    if update {
      Console.error("\(documents.count) goldens in \(golden): \(written) written, \(removed) removed")
    } else if failed.isEmpty {
      Console.error("\(documents.count) documents match their goldens in \(golden)")
    } else {
      Console.error("\(failed.count) of \(documents.count) documents differ from their goldens in \(golden)")
    }
    if !lines.isEmpty { throw ExitCode(1) }
  }
}
