import ArgumentParser
import DisclosureKit
import DisclosurePoppler
import Foundation

/// `--pipeline FILE` and `--jobs N`, shared by `ingest`, `check`, `dump` and `verify`.
struct PipelineOptions: ParsableArguments {
  @Option(
    help:
      "Pipeline file; its template and rule paths are relative to it. (default: the pipeline built into disclosure; `disclosure pipeline --print` shows it)"
  )
  var pipeline: String?

  @Option(help: "Documents processed in parallel. (default: the number of cores)")
  var jobs: Int?

  @Option(
    help:
      "Which pages OCR reads (Tesseract, chi_sim): auto (pages without a text layer that draw images: scans), never, always (every page, its text layer ignored)."
  )
  var ocr: DocumentReader.OCRMode = .auto

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  /// The thread count to use.
  var jobCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

  /// Where the pipeline comes from.
  var source: PipelineSource { PipelineSource(path: pipeline) }

  /// Loads the pipeline, or prints why not and exits 1.
  func load() throws -> Pipeline {
    try loadWithFiles().pipeline
  }

  /// Loads the pipeline and the bytes of every file it was read from, or prints why not and exits 1.
  func loadWithFiles() throws -> (pipeline: Pipeline, files: [(path: String, bytes: [UInt8])]) {
    do {
      return try source.load()
    } catch {
      Console.error("disclosure: error: \(error)")
      throw ExitCode(1)
    }
  }
}

/// A pipeline file on disk (`--pipeline`), or the one built into the binary (`pipelines/` at build
/// time, see the EmbedPipelines plugin), whose files are named `<built-in>/default.json`,
/// `<built-in>/templates/budget.json` … in messages.
struct PipelineSource: Sendable {
  /// The pipeline file, or nil for the built-in one.
  var path: String?

  /// The prefix of the built-in files' names.
  static let builtinPrefix = "<built-in>/"

  /// The built-in files by name relative to `pipelines/`.
  static let builtinFiles: [String: [UInt8]] = Dictionary(
    uniqueKeysWithValues: embeddedPipelineFiles.map { ($0.path, [UInt8](Data(base64Encoded: $0.base64) ?? Data())) })

  /// Reads the pipeline and its files; every file read is returned with its bytes, in order.
  func load() throws(PipelineError) -> (pipeline: Pipeline, files: [(path: String, bytes: [UInt8])]) {
    var files: [(path: String, bytes: [UInt8])] = []
    let pipelinePath = path ?? Self.builtinPrefix + "default.json"
    let pipeline = try PipelineDefinition.load(path: pipelinePath) { (file: String) throws(PipelineError) -> [UInt8] in
      let bytes = try Self.read(file)
      files.append((file, bytes))
      return bytes
    }.pipeline
    return (pipeline, files)
  }

  /// The bytes of a file on disk or of a built-in one.
  static func read(_ path: String) throws(PipelineError) -> [UInt8] {
    if path.hasPrefix(builtinPrefix) {
      guard let bytes = builtinFiles[String(path.dropFirst(builtinPrefix.count))] else { throw .missing(path: path) }
      return bytes
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missing(path: path) }
    if isDirectory.boolValue { throw .unreadable(path: path, reason: "is a folder") }
    do {
      return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw .unreadable(path: path, reason: OutputFolder.reason(error))
    }
  }
}

/// One document through the whole pipeline.
struct DocumentRun: Sendable {
  /// The document's diagnostics, formatted with its path, in order.
  var messages: [String] = []
  /// The `disclosure/1` document, or why it could not be read.
  var result: Result<DisclosureDocument, DocumentError>

  init(path: String, pipeline: Pipeline, ocr: DocumentReader.OCRMode = .auto, ocrJobs: Int = 1) {
    do {
      let raw = try DocumentReader(settings: .init(ocr: ocr, ocrJobs: ocrJobs)).read(path)
      let document = pipeline.process(raw)
      messages = document.diagnostics.map { $0.formatted(file: path) }
      result = .success(document)
    } catch {
      result = .failure(error)
    }
  }
}

/// Document files in the inputs: files as given, folders searched recursively for `.pdf` and
/// `.txt` files (hidden files and folders skipped), each folder's files sorted by path.
enum InputFiles {
  /// Files as given, and the files under folders that `wanted` accepts (documents by default).
  static func expand(_ inputs: [String], wanted: (String) -> Bool = CorpusLayout.isDocument) -> [String] {
    var files: [String] = []
    for input in inputs {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else {
        files.append(input)
        continue
      }
      let base = input.hasSuffix("/") ? input : input + "/"
      files += relativeFiles(in: input).filter(wanted).map { base + $0 }
    }
    // A set of word-box files, one per page, is one document: its first file stands for it.
    return WordBoxSet.collapsed(files)
  }

  /// Regular files under `folder`, as sorted paths relative to it, hidden ones skipped.
  static func relativeFiles(in folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let name = relative.split(separator: "/").last.map(String.init) ?? relative
      let type = enumerator.fileAttributes?[.type] as? FileAttributeType
      if name.hasPrefix(".") {
        if type == .typeDirectory { enumerator.skipDescendants() }
        continue
      }
      if type == .typeRegular || type == .typeSymbolicLink { files.append(relative) }
    }
    return files.sorted()
  }
}

extension DocumentReader.OCRMode: ExpressibleByArgument {}
