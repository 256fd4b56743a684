import ArgumentParser
import DisclosureBatch
import DisclosureKit
import DisclosurePoppler
import Foundation
import Synchronization

/// `ingest --out DIR`: a batch of documents with a manifest, resuming, sharding, worker
/// processes and progress.
///
/// 1. Name each input's output (`<stem>.json`); a later input with a taken name is a failure.
/// 2. Hash every input (sha256, size) on `jobs` threads; keep the inputs of `--shard`.
/// 3. Digest the pipeline (its files' bytes and this executable's).
/// 4. Read `DIR/manifest.jsonl` and let ``ResumePlan`` skip what is done.
/// 5. Run the rest, largest first, in workers (``WorkerPool``) or on threads (`--in-process`);
///    append each document's manifest line as it ends; print diagnostics in input order.
/// 6. Print the summary and the failures (exit 1 when there are any, earlier ones included).
struct IngestBatch {
  var files: [String]
  var folder: OutputFolder
  var pipeline: Pipeline
  var pipelineFiles: [(path: String, bytes: [UInt8])]
  var pipelinePath: String?
  var jobs: Int
  var pretty: Bool
  /// Which pages OCR reads.
  var ocr: DocumentReader.OCRMode = .auto
  var timeout: Double
  var maxMemory: UInt64
  var resume: Bool
  var retryFailed: Bool
  var shard: Shard?
  var quiet: Bool
  var inProcess: Bool
  /// The workers, started (``WorkerPool/start(count:)``) before the pipeline was loaded; nil:
  /// the batch starts its own (or runs `--in-process`).
  var pool: WorkerPool? = nil

  /// One input's identity.
  private struct Identity: Sendable {
    var sha256: String
    var size: Int
  }

  mutating func run() throws {
    let start = ProgressPrinter.now()
    let files = files
    let folder = folder

    // 1. Output names; two inputs with one stem would write one file.
    var owners: [String: String] = [:]
    let outputs = files.map { CorpusLayout.stem(of: $0) + ".json" }
    let collisions: [String?] = files.indices.map { index in
      let name = outputs[index]
      if let owner = owners[name] {
        return "\(files[index]): output \(folder.file(name)) is already written for \(owner)"
      }
      owners[name] = files[index]
      return nil
    }

    // 2. Hashes, and the shard.
    var identities = [Identity?](repeating: nil, count: files.count)
    Workers.run(
      count: files.count, jobs: jobs,
      job: { index -> Identity? in
        guard Self.isRegularFile(files[index]), let (sha256, size) = DocumentReader.sha256(ofFileAt: files[index])
        else { return nil }
        return Identity(sha256: sha256, size: size)
      },
      deliver: { index, identity in identities[index] = identity })
    // An input that cannot be read has no digest: its path stands in for the shard and the plan.
    let keys = files.indices.map { identities[$0]?.sha256 ?? SHA256.hex(Array(files[$0].utf8)) }
    let selected = files.indices.filter { shard?.contains(sha256: keys[$0]) ?? true }

    // 3. The pipeline digest.
    var digest = PipelineDigest()
    let executable = WorkerPool.currentExecutable()
    // The linker's build ID names the executable's contents; hashing all of it costs ~20 ms a run.
    if let id = Self.buildID(of: executable) {
      digest.add("tool", buildID: id)
    } else {
      digest.add("tool", sha256: DocumentReader.sha256(ofFileAt: executable)?.sha256 ?? "unknown")
    }
    for (number, file) in pipelineFiles.enumerated() { digest.add("file \(number)", file.bytes) }
    // Which pages OCR reads changes the outputs of scanned documents: another mode is another
    // pipeline for --resume (the default adds nothing, so earlier manifests stay valid).
    if ocr != .auto { digest.add("ocr", Array(ocr.rawValue.utf8)) }
    let pipelineDigest = digest.hex

    // 4. The manifest and the plan.
    let manifestPath = folder.file(ManifestWriter.name)
    let manifestBytes = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: manifestPath)))) ?? []
    let manifest = Manifest(bytes: manifestBytes)
    let plan = ResumePlan(
      manifest: manifest, outputName: ManifestMerge.outputName(of:), resume: resume, retryFailed: retryFailed)
    let writer: ManifestWriter
    do {
      writer = try ManifestWriter(path: manifestPath, startsNewLine: manifest.endsInsideLine)
    } catch {
      Console.error("disclosure: error: \(error)")
      throw ExitCode(1)
    }
    var toRun: [Int] = []
    var attempts: [Int: Int] = [:]
    var skippedFailures: [Int: String] = [:]
    var skipped = 0
    for index in selected {
      if collisions[index] != nil {
        toRun.append(index)
        continue
      }
      let key = Manifest.Key(sha256: keys[index], pipeline: pipelineDigest, output: outputs[index])
      switch plan.decision(for: key, outputExists: { FileManager.default.fileExists(atPath: folder.file($0)) }) {
      case .run(let attempt):
        toRun.append(index)
        attempts[index] = attempt
      case .skip(let entry):
        skipped += 1
        if entry.status.isFailure {
          skippedFailures[index] = (entry.error ?? "\(files[index]): \(entry.status.rawValue)") + " (earlier run)"
        }
      }
    }

    // 5. Run.
    var progress = BatchProgress(total: toRun.count, skipped: skipped)
    let printer = ProgressPrinter(quiet: quiet, start: start)
    var failures: [Int: String] = skippedFailures
    var writeError: String?
    var stored: [Int: DocumentOutcome] = [:]
    var delivered = 0
    let runOrder = toRun

    let lines = EntryMaker(
      files: files, identities: identities, outputs: outputs, attempts: attempts, pipeline: pipelineDigest)
    func entry(_ index: Int, _ outcome: DocumentOutcome, seconds: Double) -> ManifestEntry {
      lines.entry(index, outcome, seconds: seconds)
    }

    /// Prints the diagnostics of the documents whose turn (in input order) has come.
    func deliver() {
      while delivered < runOrder.count, let outcome = stored.removeValue(forKey: runOrder[delivered]) {
        for message in outcome.messages { printer.message(message) }
        delivered += 1
      }
    }

    func finished(_ index: Int, _ outcome: DocumentOutcome, _ line: ManifestEntry) {
      progress.record(outcome.status, pages: outcome.pages)
      if outcome.status.isFailure { failures[index] = line.error ?? "\(files[index]): \(outcome.status.rawValue)" }
      stored[index] = outcome
      deliver()
      printer.update(progress, force: true)
    }

    // Collisions end without running.
    for index in runOrder {
      if let collision = collisions[index] {
        let outcome = DocumentOutcome(status: .failed, error: collision)
        let line = entry(index, outcome, seconds: 0)
        do { try writer.append(line) } catch { writeError = writeError ?? "\(error)" }
        finished(index, outcome, line)
      }
    }
    let work = runOrder.filter { collisions[$0] == nil }
    let order = Workers.largestFirst(work.map { files[$0] }).map { work[$0] }

    if inProcess {
      let pipeline = pipeline
      let pretty = pretty
      let ocr = ocr
      let ocrJobs = ocrJobs(documents: order.count)
      let outputs = outputs
      let written = Mutex<[Int: ManifestEntry]>([:])
      let errors = Mutex<String?>(nil)
      Workers.run(
        count: order.count, jobs: jobs,
        job: { position -> DocumentOutcome in
          let index = order[position]
          let began = ProgressPrinter.now()
          let outcome = DocumentOutcome(
            path: files[index], output: outputs[index], pipeline: pipeline, folder: folder, pretty: pretty, ocr: ocr, ocrJobs: ocrJobs)
          let line = lines.entry(index, outcome, seconds: ProgressPrinter.now() - began)
          do { try writer.append(line) } catch { errors.withLock { $0 = $0 ?? "\(error)" } }
          written.withLock { $0[index] = line }
          return outcome
        },
        deliver: { position, outcome in
          let index = order[position]
          finished(index, outcome, written.withLock { $0[index]! })
        })
      writeError = writeError ?? errors.withLock { $0 }
    } else {
      let pool =
        self.pool
        ?? WorkerPool(
          settings: Self.workerSettings(
            executable: executable, folder: folder, pipelinePath: pipelinePath, pretty: pretty, ocr: ocr, jobs: jobs,
            timeout: timeout, maxMemory: maxMemory))
      let ocrJobs = JSONValue.number(Decimal(ocrJobs(documents: order.count)))
      var began: [Int: Double] = [:]
      pool.run(
        order: order,
        request: { index in
          began[index] = ProgressPrinter.now()
          return CanonicalJSON.data([
            "path": .string(files[index]), "output": .string(outputs[index]), "ocrJobs": ocrJobs,
          ])
        },
        finished: { index, outcome in
          let line = entry(index, outcome, seconds: ProgressPrinter.now() - (began[index] ?? start))
          do { try writer.append(line) } catch { writeError = writeError ?? "\(error)" }
          finished(index, outcome, line)
        },
        lost: { folder.removeStalePartials() },
        tick: { printer.update(progress) })
    }

    // 6. The end.
    printer.finish(progress)
    if let writeError {
      Console.error("disclosure: error: \(writeError)")
    }
    guard failures.isEmpty && writeError == nil else {
      if !failures.isEmpty {
        let noun = selected.count == 1 ? "document" : "documents"
        Console.error("\(failures.count) of \(selected.count) \(noun) failed:")
        for index in failures.keys.sorted() { Console.error("  \(failures[index]!)") }
      }
      throw ExitCode(1)
    }
  }

  /// Makes the manifest line of a finished document.
  private struct EntryMaker: Sendable {
    var files: [String]
    var identities: [Identity?]
    var outputs: [String]
    var attempts: [Int: Int]
    var pipeline: String

    func entry(_ index: Int, _ outcome: DocumentOutcome, seconds: Double) -> ManifestEntry {
      var error = outcome.error
      // A worker knows no path for its own death; the failure list and the manifest want one.
      if outcome.status == .timeout || outcome.status == .crashed, let reason = error {
        error = "\(files[index]): \(reason)"
      }
      return ManifestEntry(
        input: files[index], sha256: identities[index]?.sha256 ?? "", size: identities[index]?.size ?? 0,
        pages: outcome.pages, pipeline: pipeline, status: outcome.status, error: error, signal: outcome.signal,
        seconds: seconds, output: outcome.status == .ok ? outputs[index] : nil, findings: outcome.findings,
        attempt: attempts[index] ?? 1)
    }
  }

  /// The build ID of an executable, from its first bytes; nil when it has none.
  private static func buildID(of path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let head = try? handle.read(upToCount: BuildID.prefixLength) else { return nil }
    return BuildID.read(from: [UInt8](head))
  }

  private static func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
  }

  /// How the workers of a batch are started: `_worker` with the batch's options (each request
  /// adds its `ocrJobs`, which depends on how many documents the batch runs).
  static func workerSettings(
    executable: String = WorkerPool.currentExecutable(), folder: OutputFolder, pipelinePath: String?, pretty: Bool,
    ocr: DocumentReader.OCRMode, jobs: Int, timeout: Double, maxMemory: UInt64
  ) -> WorkerPool.Settings {
    var arguments = ["_worker", "--out", folder.path, "--max-memory", String(maxMemory)]
    if let pipelinePath { arguments += ["--pipeline", pipelinePath] }
    if pretty { arguments.append("--pretty") }
    arguments += ["--ocr", ocr.rawValue]
    return .init(executable: executable, arguments: arguments, jobs: jobs, timeout: timeout)
  }

  /// Threads each document's scanned pages may use: the cores its batch leaves idle (a batch of
  /// one scanned document reads its pages in parallel; a batch of many, one page at a time each).
  func ocrJobs(documents: Int) -> Int {
    max(1, jobs / max(1, min(jobs, documents)))
  }
}
