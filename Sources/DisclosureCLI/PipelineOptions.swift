import ArgumentParser
import DisclosureKit
import DisclosurePoppler
import Foundation

/// `--pipeline FILE` and `--jobs N`, shared by `ingest` and `verify`.
struct PipelineOptions: ParsableArguments {
  /// Where `--pipeline` points by default, relative to the current folder.
  static let defaultPath = "pipelines/default.json"

  @Option(
    help:
      "Pipeline file; its template paths are relative to it. (default: pipelines/default.json in the current folder)")
  var pipeline: String?

  @Option(help: "Documents processed in parallel. (default: the number of cores)")
  var jobs: Int?

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  /// The thread count to use.
  var jobCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

  /// Loads the pipeline, or prints why not and exits 1.
  func load() throws -> Pipeline {
    let path = pipeline ?? Self.defaultPath
    do {
      return try PipelineDefinition.load(path: path, read: Self.read).pipeline
    } catch {
      var message = "disclosure: error: \(error)"
      if pipeline == nil, case .missing(let missing) = error, missing == path {
        message += " (run from the repository root or pass --pipeline FILE)"
      }
      Console.error(message)
      throw ExitCode(1)
    }
  }

  static func read(_ path: String) throws(PipelineError) -> [UInt8] {
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

  init(path: String, pipeline: Pipeline) {
    do {
      let raw = try DocumentReader().read(path)
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
    return files
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
