import DisclosureKit
import Foundation

/// The golden harness: corpus documents, their goldens in `output/`, and the comparison the
/// golden tests run (the same ``GoldenDiff`` as `disclosure verify`).
///
/// Recording is an explicit switch: `DISCLOSURE_RECORD=1 swift test --filter Golden` rewrites the
/// goldens and still fails each case, so a recording never passes silently; it is refused when
/// `CI` is set. On a mismatch the actual document is written to a temporary folder, never into
/// the repository.
public enum Golden {
  /// `output/`.
  public static var folder: URL { Corpus.root.appendingPathComponent("output") }

  /// `schemas/disclosure-1.schema.json`.
  public static var schema: URL { Corpus.root.appendingPathComponent("schemas/disclosure-1.schema.json") }

  /// Where actual documents of failing cases are written.
  public static var actualFolder: URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("disclosure-golden-actual")
  }

  /// The corpus documents (paths relative to `corpus/`, see ``CorpusLayout``).
  public static var documents: [String] {
    let base = Corpus.folder.path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
    let all = enumerator.compactMap { $0 as? String }
    return CorpusLayout.documents(among: all)
  }

  /// The golden file of a corpus document.
  public static func file(for document: String) -> URL {
    folder.appendingPathComponent(CorpusLayout.stem(of: document) + ".json")
  }

  /// Whether the environment asks to record goldens.
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment["DISCLOSURE_RECORD"].map { !$0.isEmpty && $0 != "0" } ?? false
  }

  /// Compares `actual` with the golden of `document` (or records it) and returns what should
  /// fail the test, one message each; empty when the golden matches.
  public static func check(document: String, actual processed: DisclosureDocument) -> [String] {
    let stem = CorpusLayout.stem(of: document)
    let golden = file(for: document)
    // The bytes `ingest` writes.
    let bytes = processed.canonicalData()
    if isRecording {
      if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty {
        return ["DISCLOSURE_RECORD is refused when CI is set: record goldens locally"]
      }
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: golden, options: .atomic)
      } catch {
        return ["cannot record \(golden.path): \(error)"]
      }
      return ["recorded output/\(stem).json; run again without DISCLOSURE_RECORD to check it"]
    }
    guard FileManager.default.fileExists(atPath: golden.path) else {
      return ["\(stem): golden missing (record with DISCLOSURE_RECORD=1 swift test --filter Golden)"]
    }
    let existing: [UInt8]
    let expected: JSONValue
    do {
      existing = try [UInt8](Data(contentsOf: golden))
      // Identical bytes match; only a difference needs the trees and the semantic diff.
      if existing == bytes { return [] }
      expected = try JSONParser.parse(existing)
    } catch {
      return ["\(stem): golden output/\(stem).json cannot be read: \(error)"]
    }
    var failures = GoldenDiff.lines(golden: expected, actual: processed.json).map { "\(stem): \($0)" }
    if failures.isEmpty {
      failures.append("\(stem): golden output/\(stem).json is not in canonical form")
    }
    guard !failures.isEmpty else { return [] }
    let written = actualFolder.appendingPathComponent("\(stem).json")
    do {
      try FileManager.default.createDirectory(at: actualFolder, withIntermediateDirectories: true)
      try Data(bytes).write(to: written, options: .atomic)
      failures.append("\(stem): actual output written to \(written.path)")
    } catch {
      failures.append("\(stem): cannot write the actual output to \(written.path): \(error)")
    }
    return failures
  }

  /// The pipeline described by `pipelines/default.json`.
  public static func defaultPipeline() throws(PipelineError) -> Pipeline {
    let path = Corpus.root.appendingPathComponent("pipelines/default.json").path
    return try PipelineDefinition.load(path: path, read: read).pipeline
  }

  /// Reads a file for ``PipelineDefinition/load(path:read:)``.
  public static func read(_ path: String) throws(PipelineError) -> [UInt8] {
    guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
    do {
      return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw .unreadable(path: path, reason: "\(error)")
    }
  }

  /// The validator for `schemas/disclosure-1.schema.json`.
  public static func schemaValidator() throws -> JSONSchemaValidator {
    try JSONSchemaValidator(schema: try JSONParser.parse([UInt8](Data(contentsOf: schema))))
  }
}
