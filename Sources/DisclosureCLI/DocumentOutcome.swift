import DisclosureBatch
import DisclosureKit
import DisclosurePoppler
import Foundation

/// How one document of a batch ended, whether it ran in a worker process or in this one.
///
/// A worker sends it back as one JSON line (``line``); the batch turns it into a manifest entry.
struct DocumentOutcome: Sendable {
  /// How it ended.
  var status: ManifestEntry.Status
  /// Why it did not end `ok`.
  var error: String?
  /// The signal that ended a crashed worker.
  var signal: String?
  /// Pages of the document, when it was read.
  var pages: Int?
  /// Its diagnostics, formatted with its path, in order.
  var messages: [String] = []
  /// Check findings by status, when written.
  var findings: [String: Int]?

  /// Runs one document through the pipeline and writes its output into `folder` as `output`.
  init(
    path: String, output: String, pipeline: Pipeline, folder: OutputFolder, pretty: Bool, ocr: DocumentReader.OCRMode,
    ocrJobs: Int = 1
  ) {
    let run = DocumentRun(path: path, pipeline: pipeline, ocr: ocr, ocrJobs: ocrJobs)
    messages = run.messages
    switch run.result {
    case .failure(let error):
      status = .failed
      self.error = error.description
    case .success(let document):
      do {
        try folder.write(document.canonicalData(pretty: pretty), to: output)
        status = .ok
        pages = document.source.pages
        var counts = Dictionary(uniqueKeysWithValues: CheckFinding.Status.allCases.map { ($0.rawValue, 0) })
        for finding in document.checks { counts[finding.status.rawValue, default: 0] += 1 }
        findings = counts
      } catch {
        status = .failed
        self.error = error.description
      }
    }
  }

  /// An outcome decided without running the document.
  init(status: ManifestEntry.Status, error: String?, signal: String? = nil) {
    self.status = status
    self.error = error
    self.signal = signal
  }

  /// The outcome as one JSON line, newline included.
  var line: [UInt8] {
    var object: [String: JSONValue] = [
      "status": .string(status.rawValue), "messages": .array(messages.map { JSONValue.string($0) }),
    ]
    if let error { object["error"] = .string(error) }
    if let signal { object["signal"] = .string(signal) }
    if let pages { object["pages"] = JSONValue(pages) }
    if let findings { object["findings"] = JSONValue.object(findings.mapValues { JSONValue($0) }) }
    return CanonicalJSON.data(.object(object))
  }

  /// Reads a line from ``line``; nil when it is not one.
  init?(line: some Collection<UInt8>) {
    guard let object = (try? JSONParser.parse(Array(line)))?.objectValue,
      let status = object["status"]?.stringValue.flatMap(ManifestEntry.Status.init(rawValue:)),
      let messages = object["messages"]?.arrayValue?.compactMap(\.stringValue)
    else { return nil }
    self.status = status
    self.messages = messages
    error = object["error"]?.stringValue
    signal = object["signal"]?.stringValue
    pages = object["pages"]?.intValue
    findings = object["findings"]?.objectValue?.compactMapValues(\.intValue)
  }
}
