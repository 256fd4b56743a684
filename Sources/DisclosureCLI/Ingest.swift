import ArgumentParser
import DisclosureBatch
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

      With --out, each document runs in a worker process (--jobs of them): a document that \
      crashes, runs past --timeout or exhausts --max-memory ends only its worker and is reported \
      as crashed or timeout. OUT/manifest.jsonl gets one line per document and attempt (input, \
      sha256, size, pages, pipeline digest, status, error, seconds, output, findings); --resume \
      skips what it records as done, --shard I/N takes one part of the inputs by their sha256. \
      Progress goes to stderr: a live line on a terminal, else a line every 10 s.
      """)

  @Argument(help: "PDF, .txt or word-box (.tsv, .hocr, ALTO .xml) files, or folders (searched recursively for *.pdf, *.txt, *.tsv, *.hocr, *.alto.xml).")
  var inputs: [String]

  @Option(name: .customLong("out"), help: "Folder for <stem>.json files and manifest.jsonl (created when missing).")
  var out: String?

  @OptionGroup var options: PipelineOptions

  @Flag(help: "Indent the JSON for reading (same key order).")
  var pretty = false

  @Option(help: "Seconds one document may take before its worker is stopped (status timeout).")
  var timeout: Double = 300

  @Option(
    name: .customLong("max-memory"),
    help: "Address space of a worker: bytes, or with a K, M or G suffix (powers of 1024); 0: no limit.")
  var maxMemory: String = "4G"

  @Flag(help: "Skip inputs that OUT/manifest.jsonl records as done (same sha256 and pipeline, output present) or failed.")
  var resume = false

  @Flag(name: .customLong("retry-failed"), help: "Resume, and run the inputs that failed, timed out or crashed again.")
  var retryFailed = false

  @Option(help: "Take only shard I of N (1-based) of the inputs, by their sha256, e.g. 2/8.")
  var shard: String?

  @Flag(help: "No progress lines and no summary on stderr.")
  var quiet = false

  @Flag(
    name: .customLong("in-process"),
    help: "Run documents on threads of this process instead of worker processes (no crash, timeout or memory isolation).")
  var inProcess = false

  func validate() throws {
    guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    guard Self.bytes(maxMemory) != nil else {
      throw ValidationError("--max-memory must be bytes or a number with K, M or G, e.g. 4G")
    }
    if let shard, Shard(shard) == nil { throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, e.g. 1/4") }
    if out == nil {
      for (flag, given) in [
        ("--resume", resume), ("--retry-failed", retryFailed), ("--shard", shard != nil), ("--in-process", inProcess),
      ] where given {
        throw ValidationError("\(flag) needs --out DIR")
      }
    }
  }

  /// Bytes in `text` (`4G`, `512M`, `1048576`); nil when it is not a size.
  static func bytes(_ text: String) -> UInt64? {
    var digits = text.uppercased()
    if digits.hasSuffix("IB") { digits.removeLast(2) } else if digits.hasSuffix("B") { digits.removeLast() }
    let shifts: [Character: UInt64] = ["K": 10, "M": 20, "G": 30, "T": 40]
    var shift: UInt64 = 0
    if let last = digits.last, let value = shifts[last] {
      shift = value
      digits.removeLast()
    }
    guard let number = UInt64(digits), number <= UInt64.max >> shift else { return nil }
    return number << shift
  }

  func run() throws {
    let files = InputFiles.expand(inputs)
    guard !files.isEmpty else { throw ValidationError("no .pdf, .txt or word-box (.tsv, .hocr, .alto) files in \(inputs.joined(separator: ", "))") }
    guard let out else {
      guard files.count == 1 else {
        throw ValidationError("\(files.count) documents need --out DIR (only a single document goes to stdout)")
      }
      try runToStdout(files[0])
      return
    }
    let folder: OutputFolder
    do {
      folder = try OutputFolder(creating: out)
    } catch {
      Console.error("disclosure: error: \(error)")
      throw ExitCode(1)
    }
    // The workers start now, so that their start-up (loading the pipeline too) runs while this
    // process loads the pipeline, hashes the inputs and reads the manifest.
    var pool: WorkerPool?
    if !inProcess {
      let started = WorkerPool(
        settings: IngestBatch.workerSettings(
          folder: folder, pipelinePath: options.pipeline, pretty: pretty, ocr: options.ocr, jobs: options.jobCount,
          timeout: timeout, maxMemory: Self.bytes(maxMemory) ?? 0))
      started.start(count: files.count)
      pool = started
    }
    let loaded = try options.loadWithFiles()
    OutputFolder.removePartialsOnSignals()
    var batch = IngestBatch(
      files: files, folder: folder, pipeline: loaded.pipeline, pipelineFiles: loaded.files, pipelinePath: options.pipeline,
      jobs: options.jobCount, pretty: pretty, ocr: options.ocr, timeout: timeout, maxMemory: Self.bytes(maxMemory) ?? 0,
      resume: resume, retryFailed: retryFailed, shard: shard.flatMap(Shard.init), quiet: quiet, inProcess: inProcess,
      pool: pool)
    try batch.run()
  }

  /// One document in this process, its JSON to stdout.
  private func runToStdout(_ file: String) throws {
    let pipeline = try options.load()
    let run = DocumentRun(path: file, pipeline: pipeline, ocr: options.ocr, ocrJobs: options.jobCount)
    for message in run.messages { Console.error(message) }
    switch run.result {
    case .failure(let error):
      Console.error("1 of 1 document failed:")
      Console.error("  \(error.description)")
      throw ExitCode(1)
    case .success(let document):
      Console.write(document.canonicalData(pretty: pretty))
    }
  }
}
